// Fault: recvmsg() never reports MSG_CTRUNC: a receiver cannot tell that
// descriptors were dropped for want of room.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <sys/socket.h>

ssize_t recvmsg(int fd, struct msghdr* msg, int flags) {
    ssize_t (*real)(int, struct msghdr*, int) = (ssize_t(*)(int, struct msghdr*, int))dlsym(RTLD_NEXT, "recvmsg");
    ssize_t r = real(fd, msg, flags);
    if (r >= 0) msg->msg_flags &= ~MSG_CTRUNC;
    return r;
}
