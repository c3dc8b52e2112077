// Fault: recvmsg() drops MSG_CMSG_CLOEXEC: received descriptors never get
// FD_CLOEXEC.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <sys/socket.h>

ssize_t recvmsg(int fd, struct msghdr* msg, int flags) {
    ssize_t (*real)(int, struct msghdr*, int) = (ssize_t(*)(int, struct msghdr*, int))dlsym(RTLD_NEXT, "recvmsg");
    return real(fd, msg, flags & ~MSG_CMSG_CLOEXEC);
}
