/* Lab "sigchld". Fault: no SIGCHLD handler; it polls waitpid(WNOHANG) and
 * sleeps 20 ms between polls. The output is right, the mechanism is not. */
#include <stdio.h>
#include <stdlib.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char *argv[])
{
    int n = argc - 1, reaped = 0;
    if (n < 1) {
        fprintf(stderr, "usage: %s FATE...\n", argv[0]);
        return 2;
    }
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
    while (reaped < n) {
        int status;
        pid_t pid;
        while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
            reaped++;
            if (WIFEXITED(status))
                printf("%d exited with %d\n", (int)pid, WEXITSTATUS(status));
            else if (WIFSIGNALED(status))
                printf("%d killed by signal %d\n", (int)pid, WTERMSIG(status));
        }
        if (reaped < n)
            usleep(20000);
    }
    return 0;
}
