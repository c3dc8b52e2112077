// Prints what a case sees of its isolation: the SIGPIPE disposition, the
// signal mask, $TMPDIR, the cwd, and its IPC namespace.
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int main(void) {
    struct sigaction sa;
    sigaction(SIGPIPE, NULL, &sa);
    sigset_t mask;
    sigprocmask(SIG_SETMASK, NULL, &mask);
    int blocked = 0;
    for (int s = 1; s < 32; ++s) blocked += sigismember(&mask, s);
    char cwd[4096], ns[256] = "";
    ssize_t n = readlink("/proc/self/ns/ipc", ns, sizeof ns - 1);
    if (n > 0) ns[n] = 0;
    printf("sigpipe=%s\nblocked=%d\ntmpdir=%s\ncwd=%s\nipc_ns=%s\npgid_is_self=%d\n",
           sa.sa_handler == SIG_DFL ? "default" : "not-default", blocked, getenv("TMPDIR"),
           getcwd(cwd, sizeof cwd) ? cwd : "?", ns, getpgrp() == getpid());
    return 0;
}
