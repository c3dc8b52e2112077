// Fault: recvmsg() rounds the control buffer's length down to the cmsg
// alignment, as a layer that only handles whole aligned blocks would: a
// buffer of CMSG_LEN(sizeof(int)) no longer holds its descriptor.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <sys/socket.h>

ssize_t recvmsg(int fd, struct msghdr* msg, int flags) {
    ssize_t (*real)(int, struct msghdr*, int) = (ssize_t(*)(int, struct msghdr*, int))dlsym(RTLD_NEXT, "recvmsg");
    msg->msg_controllen &= ~(sizeof(size_t) - 1);
    return real(fd, msg, flags);
}
