// Fault: SA_RESTART works the wrong way round: handlers installed with it
// interrupt system calls (EINTR), handlers installed without it restart them.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <signal.h>

int sigaction(int sig, const struct sigaction* act, struct sigaction* old) {
    int (*real)(int, const struct sigaction*, struct sigaction*) =
        (int (*)(int, const struct sigaction*, struct sigaction*))dlsym(RTLD_NEXT, "sigaction");
    if (!act || (!(act->sa_flags & SA_SIGINFO) && (act->sa_handler == SIG_DFL || act->sa_handler == SIG_IGN)))
        return real(sig, act, old);
    struct sigaction flipped = *act;
    flipped.sa_flags ^= SA_RESTART;
    return real(sig, &flipped, old);
}
