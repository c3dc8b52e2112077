// Fault: with /proc's signal lines hidden (as under gVisor), sigaction()
// asked only for the current action reports SIG_DFL whatever is installed:
// the cases' fallback source for ignored and caught signals lies.
#include "hidden_signal_masks.h"
#include <signal.h>

int sigaction(int sig, const struct sigaction* act, struct sigaction* old) {
    int (*real)(int, const struct sigaction*, struct sigaction*) =
        (int (*)(int, const struct sigaction*, struct sigaction*))dlsym(RTLD_NEXT, "sigaction");
    int r = real(sig, act, old);
    if (r == 0 && act == NULL && old != NULL) {
        memset(old, 0, sizeof *old);
        old->sa_handler = SIG_DFL;
    }
    return r;
}
