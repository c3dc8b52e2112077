// Fault: setsockopt(SO_PASSPIDFD) is accepted and ignored, and
// getsockopt(SO_PEERPIDFD) answers with a pidfd of the caller itself: no
// message names its sender, and the peer is never named.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef SO_PASSPIDFD
#define SO_PASSPIDFD 76
#endif
#ifndef SO_PEERPIDFD
#define SO_PEERPIDFD 77
#endif

int setsockopt(int fd, int level, int name, const void* value, socklen_t len) {
    int (*real)(int, int, int, const void*, socklen_t) =
        (int (*)(int, int, int, const void*, socklen_t))dlsym(RTLD_NEXT, "setsockopt");
    if (level == SOL_SOCKET && name == SO_PASSPIDFD) return 0;
    return real(fd, level, name, value, len);
}

int getsockopt(int fd, int level, int name, void* value, socklen_t* len) {
    int (*real)(int, int, int, void*, socklen_t*) =
        (int (*)(int, int, int, void*, socklen_t*))dlsym(RTLD_NEXT, "getsockopt");
    int r = real(fd, level, name, value, len);
    if (r == 0 && level == SOL_SOCKET && name == SO_PEERPIDFD && *len >= sizeof(int)) {
        close(*(int*)value);
        *(int*)value = (int)syscall(SYS_pidfd_open, getpid(), 0);
    }
    return r;
}
