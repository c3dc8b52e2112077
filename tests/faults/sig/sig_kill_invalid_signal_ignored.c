// Fault: kill() answers 0 for a signal number it does not know, sending
// nothing, instead of failing with EINVAL.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <signal.h>

int kill(pid_t pid, int sig) {
    int (*real)(pid_t, int) = (int (*)(pid_t, int))dlsym(RTLD_NEXT, "kill");
    if (sig < 0 || sig > 64) return 0;
    return real(pid, sig);
}
