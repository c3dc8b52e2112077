/* Lab "pipe", reference solution: the child sends five messages through a
 * pipe, the parent prints each one on its own line, then waits for it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define MESSAGE "I am child!"
#define TIMES 5

int main(void) {
    int fd[2];
    if (pipe(fd) == -1) {
        perror("pipe");
        return 1;
    }
    pid_t child = fork();
    if (child == -1) {
        perror("fork");
        return 1;
    }
    if (child == 0) {
        close(fd[0]);
        for (int i = 0; i < TIMES; i++) {
            const char line[] = MESSAGE "\n";
            if (write(fd[1], line, sizeof line - 1) != (ssize_t)(sizeof line - 1)) _exit(1);
        }
        close(fd[1]);
        _exit(0);
    }
    close(fd[1]);
    FILE *in = fdopen(fd[0], "r");
    char buf[256];
    while (in && fgets(buf, sizeof buf, in)) {
        buf[strcspn(buf, "\n")] = '\0';
        printf("%s\n", buf);
        fflush(stdout);
    }
    int status;
    if (waitpid(child, &status, 0) == -1) {
        perror("waitpid");
        return 1;
    }
    return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : 1;
}
