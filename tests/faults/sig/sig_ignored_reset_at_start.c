// Fault: every program starts with all ignored signals reset to the default
// action, as if exec did not keep SIG_IGN (or a loader reset it): an exec'd
// child no longer ignores what its parent ignored.
#define _GNU_SOURCE
#include <signal.h>

__attribute__((constructor)) static void reset_ignored(void) {
    for (int sig = 1; sig < NSIG; ++sig) {
        struct sigaction current;
        if (sigaction(sig, NULL, &current) == 0 && !(current.sa_flags & SA_SIGINFO) && current.sa_handler == SIG_IGN)
            signal(sig, SIG_DFL);
    }
}
