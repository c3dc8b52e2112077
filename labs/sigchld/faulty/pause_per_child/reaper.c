/* Lab "sigchld". Fault: the handler reaps and prints every child that has
 * ended, but main waits for one SIGCHLD per child with pause(). Signals of
 * children that end together coalesce: it waits for signals that already
 * came, and never ends. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static void on_sigchld(int sig)
{
    int saved_errno = errno, status;
    pid_t pid;
    char line[64];
    (void)sig;
    while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
        int len = 0;
        if (WIFEXITED(status))
            len = snprintf(line, sizeof line, "%d exited with %d\n", (int)pid, WEXITSTATUS(status));
        else if (WIFSIGNALED(status))
            len = snprintf(line, sizeof line, "%d killed by signal %d\n", (int)pid, WTERMSIG(status));
        if (write(1, line, len) < 0)
            break;
    }
    errno = saved_errno;
}

int main(int argc, char *argv[])
{
    int n = argc - 1;
    if (n < 1) {
        fprintf(stderr, "usage: %s FATE...\n", argv[0]);
        return 2;
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sigchld;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART | SA_NOCLDSTOP;
    sigaction(SIGCHLD, &sa, NULL);
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
    for (int i = 0; i < n; i++)
        pause();
    return 0;
}
