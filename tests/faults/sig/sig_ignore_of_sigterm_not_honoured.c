// Fault: sigaction(SIGTERM, SIG_IGN) installs the default action instead:
// an ignored SIGTERM still terminates.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <signal.h>

int sigaction(int sig, const struct sigaction* act, struct sigaction* old) {
    int (*real)(int, const struct sigaction*, struct sigaction*) =
        (int (*)(int, const struct sigaction*, struct sigaction*))dlsym(RTLD_NEXT, "sigaction");
    if (sig == SIGTERM && act && act->sa_handler == SIG_IGN) {
        struct sigaction copy = *act;
        copy.sa_handler = SIG_DFL;
        return real(sig, &copy, old);
    }
    return real(sig, act, old);
}
