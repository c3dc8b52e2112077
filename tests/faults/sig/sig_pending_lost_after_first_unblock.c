// Fault: the first unblocking of a signal delivers it if pending; every later
// one discards it instead (as a layer that keeps its own pending set and
// clears it at the wrong moment might).
#define _GNU_SOURCE
#include <dlfcn.h>
#include <signal.h>
#include <stddef.h>

static int unblocks;

// Takes every pending signal of `set` off the pending list, undelivered.
static void discard_pending(const sigset_t* set) {
    const struct timespec now = {0, 0};
    sigset_t pending;
    sigpending(&pending);
    for (int sig = 1; sig < 65; ++sig)
        if (sigismember(set, sig) == 1 && sigismember(&pending, sig) == 1) {
            sigset_t one;
            sigemptyset(&one);
            sigaddset(&one, sig);
            sigtimedwait(&one, NULL, &now);
        }
}

static void before_change(int how, const sigset_t* set) {
    if (!set || how == SIG_BLOCK) return;
    sigset_t current, unblocked;
    pthread_sigmask(SIG_BLOCK, NULL, &current);
    sigemptyset(&unblocked);
    for (int sig = 1; sig < 65; ++sig)
        if (sigismember(&current, sig) == 1 &&
            (how == SIG_UNBLOCK ? sigismember(set, sig) == 1 : sigismember(set, sig) == 0))
            sigaddset(&unblocked, sig);
    if (sigisemptyset(&unblocked)) return;
    if (unblocks++ > 0) discard_pending(&unblocked);
}

int sigprocmask(int how, const sigset_t* set, sigset_t* old) {
    int (*real)(int, const sigset_t*, sigset_t*) =
        (int (*)(int, const sigset_t*, sigset_t*))dlsym(RTLD_NEXT, "sigprocmask");
    before_change(how, set);
    return real(how, set, old);
}

int pthread_sigmask(int how, const sigset_t* set, sigset_t* old) {
    int (*real)(int, const sigset_t*, sigset_t*) =
        (int (*)(int, const sigset_t*, sigset_t*))dlsym(RTLD_NEXT, "pthread_sigmask");
    before_change(how, set);
    return real(how, set, old);
}
