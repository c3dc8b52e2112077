// Fault: setsockopt(SO_INQ) is accepted and ignored: no SCM_INQ ever comes
// with a read.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <sys/socket.h>

#ifndef SO_INQ
#define SO_INQ 84
#endif

int setsockopt(int fd, int level, int name, const void* value, socklen_t len) {
    int (*real)(int, int, int, const void*, socklen_t) =
        (int (*)(int, int, int, const void*, socklen_t))dlsym(RTLD_NEXT, "setsockopt");
    if (level == SOL_SOCKET && name == SO_INQ) return 0;
    return real(fd, level, name, value, len);
}
