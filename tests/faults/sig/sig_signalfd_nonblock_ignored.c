// Fault: signalfd() drops SFD_NONBLOCK: the descriptor blocks.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <sys/signalfd.h>

int signalfd(int fd, const sigset_t* mask, int flags) {
    int (*real)(int, const sigset_t*, int) = (int (*)(int, const sigset_t*, int))dlsym(RTLD_NEXT, "signalfd");
    if (flags != -1) flags &= ~SFD_NONBLOCK;
    return real(fd, mask, flags);
}
