// Fault: standard signals are queued like real-time ones. Every kill() or
// sigqueue() of a standard signal to this process while it is blocked and
// already pending is remembered, and replayed once the mask lets it through,
// so a signal sent three times is delivered three times.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <signal.h>
#include <unistd.h>

static int extra[65];

static int blocked_and_pending(int sig) {
    sigset_t mask, pending;
    pthread_sigmask(SIG_BLOCK, NULL, &mask);
    sigpending(&pending);
    return sigismember(&mask, sig) == 1 && sigismember(&pending, sig) == 1;
}

static void note(pid_t pid, int sig) {
    if (pid == getpid() && sig > 0 && sig < SIGRTMIN && blocked_and_pending(sig)) ++extra[sig];
}

int kill(pid_t pid, int sig) {
    int (*real)(pid_t, int) = (int (*)(pid_t, int))dlsym(RTLD_NEXT, "kill");
    note(pid, sig);
    return real(pid, sig);
}

int sigqueue(pid_t pid, int sig, const union sigval value) {
    int (*real)(pid_t, int, const union sigval) = (int (*)(pid_t, int, const union sigval))dlsym(RTLD_NEXT, "sigqueue");
    note(pid, sig);
    return real(pid, sig, value);
}

int sigprocmask(int how, const sigset_t* set, sigset_t* old) {
    int (*real)(int, const sigset_t*, sigset_t*) =
        (int (*)(int, const sigset_t*, sigset_t*))dlsym(RTLD_NEXT, "sigprocmask");
    int r = real(how, set, old);
    sigset_t now;
    real(SIG_BLOCK, NULL, &now);
    for (int sig = 1; sig < 65; ++sig)
        while (extra[sig] > 0 && sigismember(&now, sig) == 0) {
            --extra[sig];
            raise(sig);
        }
    return r;
}
