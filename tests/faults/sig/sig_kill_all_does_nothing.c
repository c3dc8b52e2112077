// Fault: kill(-1, sig) succeeds without sending anything.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <signal.h>

int kill(pid_t pid, int sig) {
    int (*real)(pid_t, int) = (int (*)(pid_t, int))dlsym(RTLD_NEXT, "kill");
    if (pid == -1) return 0;
    return real(pid, sig);
}
