// Fault: sigaction() drops SA_RESETHAND: a one-shot handler stays installed.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <signal.h>

int sigaction(int sig, const struct sigaction* act, struct sigaction* old) {
    int (*real)(int, const struct sigaction*, struct sigaction*) =
        (int (*)(int, const struct sigaction*, struct sigaction*))dlsym(RTLD_NEXT, "sigaction");
    if (act && (act->sa_flags & SA_RESETHAND)) {
        struct sigaction copy = *act;
        copy.sa_flags &= ~SA_RESETHAND;
        return real(sig, &copy, old);
    }
    return real(sig, act, old);
}
