// Fault: sigaction() drops SA_ONSTACK: handlers run on the ordinary stack.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <signal.h>

int sigaction(int sig, const struct sigaction* act, struct sigaction* old) {
    int (*real)(int, const struct sigaction*, struct sigaction*) =
        (int (*)(int, const struct sigaction*, struct sigaction*))dlsym(RTLD_NEXT, "sigaction");
    if (act && (act->sa_flags & SA_ONSTACK)) {
        struct sigaction copy = *act;
        copy.sa_flags &= ~SA_ONSTACK;
        return real(sig, &copy, old);
    }
    return real(sig, act, old);
}
