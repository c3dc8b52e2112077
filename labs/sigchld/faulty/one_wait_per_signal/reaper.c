/* Lab "sigchld". Fault: the handler reaps one child per SIGCHLD. When
 * children end together their signals coalesce, so some are never reaped
 * while it runs (zombies); it gives up after 2 quiet seconds. */
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

static void on_sigchld(int sig)
{
    int status;
    pid_t pid = wait(&status);
    (void)sig;
    if (pid > 0 && reaped < MAX_CHILDREN) {
        pids[reaped] = pid;
        statuses[reaped] = status;
        reaped++;
    }
}

int main(int argc, char *argv[])
{
    int n = argc - 1;
    if (n < 1 || n > MAX_CHILDREN) {
        fprintf(stderr, "usage: %s FATE...\n", argv[0]);
        return 2;
    }
    signal(SIGCHLD, on_sigchld);
    for (int i = 0; i < n; i++) {
        pid_t pid = fork();
        if (pid < 0) {
            perror("fork");
            return 1;
        }
        if (pid == 0) {
            int k = atoi(argv[i + 1]);
            if (k < 0)
                raise(-k);
            _exit(k >= 0 ? k : 127);
        }
    }
    /* sleep() returns early when the handler ran; 2 quiet seconds: done. */
    while (reaped < n)
        if (sleep(2) == 0)
            break;
    for (int i = 0; i < reaped; i++) {
        if (WIFEXITED(statuses[i]))
            printf("%d exited with %d\n", (int)pids[i], WEXITSTATUS(statuses[i]));
        else if (WIFSIGNALED(statuses[i]))
            printf("%d killed by signal %d\n", (int)pids[i], WTERMSIG(statuses[i]));
    }
    return 0;
}
