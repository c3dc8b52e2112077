/* A correct submission of lab "sigchld" the reference does not show: SIGCHLD
 * blocked and taken from a signalfd (which the lab allows), every child
 * reaped after each read. grade_test grades it for full marks. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAX_CHILDREN 64

int main(int argc, char* argv[]) {
    int n = argc - 1;
    if (n < 1 || n > MAX_CHILDREN) {
        fprintf(stderr, "usage: %s FATE... (1 to %d of them)\n", argv[0], MAX_CHILDREN);
        return 2;
    }
    sigset_t chld, old;
    sigemptyset(&chld);
    sigaddset(&chld, SIGCHLD);
    sigprocmask(SIG_BLOCK, &chld, &old);
    int sfd = signalfd(-1, &chld, SFD_CLOEXEC);
    if (sfd < 0) {
        perror("signalfd");
        return 1;
    }
    for (int i = 0; i < n; i++) {
        pid_t pid = fork();
        if (pid < 0) {
            perror("fork");
            return 1;
        }
        if (pid == 0) {
            sigprocmask(SIG_SETMASK, &old, NULL);
            int k = atoi(argv[i + 1]);
            if (k < 0) raise(-k);
            _exit(k >= 0 ? k : 127);
        }
    }
    int reaped = 0;
    while (reaped < n) {
        struct signalfd_siginfo info;
        if (read(sfd, &info, sizeof info) != sizeof info) {
            perror("read");
            return 1;
        }
        /* Several children may end for one SIGCHLD: reap all there are. */
        int status;
        pid_t pid;
        while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
            reaped++;
            if (WIFEXITED(status)) printf("%d exited with %d\n", (int)pid, WEXITSTATUS(status));
            else if (WIFSIGNALED(status)) printf("%d killed by signal %d\n", (int)pid, WTERMSIG(status));
        }
    }
    return 0;
}
