// Fault: a recvmsg() with no room for data returns 0 at once, as read(2) of
// zero bytes does, without looking at the queue: nothing is consumed, no
// EAGAIN, no MSG_TRUNC.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <sys/socket.h>

ssize_t recvmsg(int fd, struct msghdr* msg, int flags) {
    ssize_t (*real)(int, struct msghdr*, int) = (ssize_t(*)(int, struct msghdr*, int))dlsym(RTLD_NEXT, "recvmsg");
    size_t room = 0;
    for (size_t i = 0; i < msg->msg_iovlen; ++i) room += msg->msg_iov[i].iov_len;
    if (room == 0) {
        msg->msg_flags = 0;
        msg->msg_controllen = 0;
        return 0;
    }
    return real(fd, msg, flags);
}
