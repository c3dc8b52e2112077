// Fault: sendmsg() sends the data but drops the ancillary data, as a layer
// without SCM_RIGHTS support would: no descriptor reaches the receiver.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stddef.h>
#include <sys/socket.h>

ssize_t sendmsg(int fd, const struct msghdr* msg, int flags) {
    ssize_t (*real)(int, const struct msghdr*, int) =
        (ssize_t(*)(int, const struct msghdr*, int))dlsym(RTLD_NEXT, "sendmsg");
    struct msghdr plain = *msg;
    plain.msg_control = NULL;
    plain.msg_controllen = 0;
    return real(fd, &plain, flags);
}
