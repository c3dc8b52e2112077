// Fault: setsockopt(SO_LINGER) is accepted and ignored: linger stays off.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <sys/socket.h>

int setsockopt(int fd, int level, int name, const void* value, socklen_t len) {
    int (*real)(int, int, int, const void*, socklen_t) =
        (int (*)(int, int, int, const void*, socklen_t))dlsym(RTLD_NEXT, "setsockopt");
    if (level == SOL_SOCKET && name == SO_LINGER) return 0;
    return real(fd, level, name, value, len);
}
