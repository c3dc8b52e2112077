// Fault: with /proc's signal lines hidden (as under gVisor), sigprocmask()
// asked only for the mask (no new set) reports nothing blocked, though
// blocking works: the cases' fallback source for blocked signals lies.
#include "hidden_signal_masks.h"
#include <signal.h>

int sigprocmask(int how, const sigset_t* set, sigset_t* old) {
    int (*real)(int, const sigset_t*, sigset_t*) =
        (int (*)(int, const sigset_t*, sigset_t*))dlsym(RTLD_NEXT, "sigprocmask");
    int r = real(how, set, old);
    if (r == 0 && set == NULL && old != NULL) sigemptyset(old);
    return r;
}
