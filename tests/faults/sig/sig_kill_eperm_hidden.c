// Fault: kill() reports success where the kernel refused the signal for
// want of permission (EPERM), as a layer that swallows the error might.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <signal.h>

int kill(pid_t pid, int sig) {
    int (*real)(pid_t, int) = (int (*)(pid_t, int))dlsym(RTLD_NEXT, "kill");
    int r = real(pid, sig);
    if (r == -1 && errno == EPERM) return 0;
    return r;
}
