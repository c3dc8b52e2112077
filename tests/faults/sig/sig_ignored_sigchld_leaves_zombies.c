// Fault: with SIGCHLD ignored, children are not reaped by the kernel: they
// stay zombies, while waitpid() still waits for the exit and then answers
// ECHILD as if they had been (an emulation that fakes the answer only).
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <signal.h>
#include <sys/wait.h>

static int ignoring;

int sigaction(int sig, const struct sigaction* act, struct sigaction* old) {
    int (*real)(int, const struct sigaction*, struct sigaction*) =
        (int (*)(int, const struct sigaction*, struct sigaction*))dlsym(RTLD_NEXT, "sigaction");
    if (sig != SIGCHLD || !act) return real(sig, act, old);
    struct sigaction plain = *act;
    ignoring = !(act->sa_flags & SA_SIGINFO) && act->sa_handler == SIG_IGN;
    if (ignoring) plain.sa_handler = SIG_DFL;
    return real(sig, &plain, old);
}

pid_t waitpid(pid_t pid, int* status, int options) {
    pid_t (*real)(pid_t, int*, int) = (pid_t(*)(pid_t, int*, int))dlsym(RTLD_NEXT, "waitpid");
    if (!ignoring || pid <= 0) return real(pid, status, options);
    siginfo_t info;
    if (waitid(P_PID, (id_t)pid, &info, WEXITED | WNOWAIT | (options & WNOHANG)) != 0) return -1;
    errno = ECHILD;  // the exit seen, the zombie left in place
    return -1;
}
