// Fault: sigprocmask() records a request to block SIGKILL or SIGSTOP and
// reports them blocked when the mask is read back (the old set), although
// the kernel's mask (and /proc's SigBlk) leaves them out.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <signal.h>

static int asked_kill, asked_stop;

int sigprocmask(int how, const sigset_t* set, sigset_t* old) {
    int (*real)(int, const sigset_t*, sigset_t*) =
        (int (*)(int, const sigset_t*, sigset_t*))dlsym(RTLD_NEXT, "sigprocmask");
    int rc = real(how, set, old);
    if (rc != 0) return rc;
    if (old && asked_kill) sigaddset(old, SIGKILL);
    if (old && asked_stop) sigaddset(old, SIGSTOP);
    if (set && how != SIG_UNBLOCK) {
        if (how == SIG_SETMASK) asked_kill = asked_stop = 0;
        asked_kill |= sigismember(set, SIGKILL) == 1;
        asked_stop |= sigismember(set, SIGSTOP) == 1;
    } else if (set) {
        if (sigismember(set, SIGKILL) == 1) asked_kill = 0;
        if (sigismember(set, SIGSTOP) == 1) asked_stop = 0;
    }
    return 0;
}
