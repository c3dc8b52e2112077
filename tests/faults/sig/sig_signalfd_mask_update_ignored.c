// Fault: signalfd(fd, mask) on an existing signalfd returns fd but keeps its
// old set.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/signalfd.h>

int signalfd(int fd, const sigset_t* mask, int flags) {
    int (*real)(int, const sigset_t*, int) = (int (*)(int, const sigset_t*, int))dlsym(RTLD_NEXT, "signalfd");
    if (fd >= 0 && fcntl(fd, F_GETFD) >= 0) {
        int r = real(fd, mask, flags);
        if (r == fd) {
            // put the old set back: unknowable here, so an empty one stays empty
            sigset_t none;
            sigemptyset(&none);
            real(fd, &none, 0);
        }
        return r;
    }
    return real(fd, mask, flags);
}
