// Fault: kill(pid, 0) always reports success, as in an emulation layer that
// checks neither existence nor permission for the null signal.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <signal.h>

int kill(pid_t pid, int sig) {
    int (*real)(pid_t, int) = (int (*)(pid_t, int))dlsym(RTLD_NEXT, "kill");
    return sig == 0 ? 0 : real(pid, sig);
}
