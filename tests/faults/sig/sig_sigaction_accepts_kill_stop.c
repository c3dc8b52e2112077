// Fault: sigaction() pretends to accept a handler or SIG_IGN for SIGKILL and
// SIGSTOP (returns 0) instead of failing with EINVAL, as a permissive
// emulation layer might.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <signal.h>

int sigaction(int sig, const struct sigaction* act, struct sigaction* old) {
    int (*real)(int, const struct sigaction*, struct sigaction*) =
        (int (*)(int, const struct sigaction*, struct sigaction*))dlsym(RTLD_NEXT, "sigaction");
    if ((sig == SIGKILL || sig == SIGSTOP) && act) {
        if (old) real(sig, NULL, old);
        return 0;
    }
    return real(sig, act, old);
}
