/* Lab "sigchld", reference: starts one child per argument (k >= 0: the child
 * exits with k; -s: it kills itself with signal s), reaps them in a SIGCHLD
 * handler and prints each one's decoded status. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAX_CHILDREN 64

static volatile sig_atomic_t reaped;
static pid_t pids[MAX_CHILDREN];
static int statuses[MAX_CHILDREN];

/* Several children may end while one SIGCHLD is pending: reap all there are. */
static void on_sigchld(int sig)
{
    int saved_errno = errno, status;
    pid_t pid;
    (void)sig;
    while (reaped < MAX_CHILDREN && (pid = waitpid(-1, &status, WNOHANG)) > 0) {
        pids[reaped] = pid;
        statuses[reaped] = status;
        reaped++;
    }
    errno = saved_errno;
}

static void run_child(const char *fate)
{
    int k = atoi(fate);
    if (k < 0)
        raise(-k);
    _exit(k >= 0 ? k : 127);
}

int main(int argc, char *argv[])
{
    int n = argc - 1;
    if (n < 1 || n > MAX_CHILDREN) {
        fprintf(stderr, "usage: %s FATE... (1 to %d of them)\n", argv[0], MAX_CHILDREN);
        return 2;
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sigchld;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART | SA_NOCLDSTOP;
    sigaction(SIGCHLD, &sa, NULL);

    /* SIGCHLD stays blocked but while we wait for it, so that none comes
     * between the test of `reaped` and the wait. */
    sigset_t chld, waiting;
    sigemptyset(&chld);
    sigaddset(&chld, SIGCHLD);
    sigprocmask(SIG_BLOCK, &chld, &waiting);
    sigdelset(&waiting, SIGCHLD);
    for (int i = 0; i < n; i++) {
        pid_t pid = fork();
        if (pid < 0) {
            perror("fork");
            return 1;
        }
        if (pid == 0) {
            sigprocmask(SIG_SETMASK, &waiting, NULL);
            run_child(argv[i + 1]);
        }
    }
    while (reaped < n)
        sigsuspend(&waiting);

    for (int i = 0; i < n; i++) {
        if (WIFEXITED(statuses[i]))
            printf("%d exited with %d\n", (int)pids[i], WEXITSTATUS(statuses[i]));
        else if (WIFSIGNALED(statuses[i]))
            printf("%d killed by signal %d\n", (int)pids[i], WTERMSIG(statuses[i]));
    }
    return 0;
}
