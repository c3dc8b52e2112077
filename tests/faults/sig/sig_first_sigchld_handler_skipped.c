// Fault: the first SIGCHLD a process is sent never reaches its handler (the
// signal is generated, its delivery lost: as a layer that swallows the first
// notification it owes a parent might); later ones run it.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <signal.h>
#include <stddef.h>

static struct sigaction user_action;
static volatile sig_atomic_t seen;

static void first_skipped(int sig, siginfo_t* info, void* context) {
    if (seen++ == 0) return;
    if (user_action.sa_flags & SA_SIGINFO) user_action.sa_sigaction(sig, info, context);
    else user_action.sa_handler(sig);
}

int sigaction(int sig, const struct sigaction* act, struct sigaction* old) {
    int (*real)(int, const struct sigaction*, struct sigaction*) =
        (int (*)(int, const struct sigaction*, struct sigaction*))dlsym(RTLD_NEXT, "sigaction");
    if (sig != SIGCHLD || !act || act->sa_handler == SIG_DFL || act->sa_handler == SIG_IGN) return real(sig, act, old);
    user_action = *act;
    struct sigaction wrapped = *act;
    wrapped.sa_flags |= SA_SIGINFO;
    wrapped.sa_sigaction = first_skipped;
    return real(sig, &wrapped, old);
}
