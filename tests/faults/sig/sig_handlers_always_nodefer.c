// Fault: sigaction() sets SA_NODEFER on every handler: a handler's own
// signal is never blocked while it runs.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <signal.h>

int sigaction(int sig, const struct sigaction* act, struct sigaction* old) {
    int (*real)(int, const struct sigaction*, struct sigaction*) =
        (int (*)(int, const struct sigaction*, struct sigaction*))dlsym(RTLD_NEXT, "sigaction");
    if (act && act->sa_handler != SIG_DFL && act->sa_handler != SIG_IGN) {
        struct sigaction copy = *act;
        copy.sa_flags |= SA_NODEFER;
        return real(sig, &copy, old);
    }
    return real(sig, act, old);
}
