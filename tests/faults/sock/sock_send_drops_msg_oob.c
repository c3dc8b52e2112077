// Fault: send(), sendto() and sendmsg() drop MSG_OOB: urgent data goes as
// ordinary data, on every socket type.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <sys/socket.h>

ssize_t send(int fd, const void* buf, size_t len, int flags) {
    ssize_t (*real)(int, const void*, size_t, int) =
        (ssize_t(*)(int, const void*, size_t, int))dlsym(RTLD_NEXT, "send");
    return real(fd, buf, len, flags & ~MSG_OOB);
}

ssize_t sendto(int fd, const void* buf, size_t len, int flags, const struct sockaddr* to, socklen_t tolen) {
    ssize_t (*real)(int, const void*, size_t, int, const struct sockaddr*, socklen_t) =
        (ssize_t(*)(int, const void*, size_t, int, const struct sockaddr*, socklen_t))dlsym(RTLD_NEXT, "sendto");
    return real(fd, buf, len, flags & ~MSG_OOB, to, tolen);
}

ssize_t sendmsg(int fd, const struct msghdr* msg, int flags) {
    ssize_t (*real)(int, const struct msghdr*, int) =
        (ssize_t(*)(int, const struct msghdr*, int))dlsym(RTLD_NEXT, "sendmsg");
    return real(fd, msg, flags & ~MSG_OOB);
}
