// Fault: sigprocmask() reports success but changes nothing, as in a sandbox
// without signal masks: a "blocked" signal is delivered at once.
#define _GNU_SOURCE
#include <signal.h>

int sigprocmask(int how, const sigset_t* set, sigset_t* old) {
    (void)how;
    (void)set;
    if (old) pthread_sigmask(SIG_BLOCK, NULL, old);
    return 0;
}
