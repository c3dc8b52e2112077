// Fault: a reset connection reads as an orderly end of file: recv(),
// recvmsg() and read() that fail with ECONNRESET return 0 instead.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <sys/socket.h>
#include <unistd.h>

ssize_t recv(int fd, void* buf, size_t len, int flags) {
    ssize_t (*real)(int, void*, size_t, int) = (ssize_t(*)(int, void*, size_t, int))dlsym(RTLD_NEXT, "recv");
    ssize_t r = real(fd, buf, len, flags);
    return r < 0 && errno == ECONNRESET ? 0 : r;
}

ssize_t recvmsg(int fd, struct msghdr* msg, int flags) {
    ssize_t (*real)(int, struct msghdr*, int) = (ssize_t(*)(int, struct msghdr*, int))dlsym(RTLD_NEXT, "recvmsg");
    ssize_t r = real(fd, msg, flags);
    return r < 0 && errno == ECONNRESET ? 0 : r;
}

ssize_t read(int fd, void* buf, size_t len) {
    ssize_t (*real)(int, void*, size_t) = (ssize_t(*)(int, void*, size_t))dlsym(RTLD_NEXT, "read");
    ssize_t r = real(fd, buf, len);
    return r < 0 && errno == ECONNRESET ? 0 : r;
}
