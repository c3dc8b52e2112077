// Fault: setting SIGCHLD to SIG_IGN (or SA_NOCLDWAIT) installs the default
// action instead, as on a system without automatic reaping: exited children
// stay zombies and waitpid() reaps them.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <signal.h>

int sigaction(int sig, const struct sigaction* act, struct sigaction* old) {
    int (*real)(int, const struct sigaction*, struct sigaction*) =
        (int (*)(int, const struct sigaction*, struct sigaction*))dlsym(RTLD_NEXT, "sigaction");
    if (sig != SIGCHLD || !act) return real(sig, act, old);
    struct sigaction plain = *act;
    plain.sa_flags &= ~SA_NOCLDWAIT;
    if (!(plain.sa_flags & SA_SIGINFO) && plain.sa_handler == SIG_IGN) plain.sa_handler = SIG_DFL;
    return real(sig, &plain, old);
}
