/* The document's §1.3 pipe example, rewritten from its description, with
 * its behaviour kept: the child writes "I am child!" with its terminating
 * NUL five times, sleeping 2 s after each; the parent does five reads of up
 * to 100 bytes, prints each message, and returns without waiting. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(void) {
    int ends[2];
    if (pipe(ends) == -1) {
        perror("pipe error\n");
        return -1;
    }
    pid_t pid = fork();
    if (pid == 0) {
        const char *text = "I am child!";
        close(ends[0]);
        for (int n = 0; n < 5; n++) {
            write(ends[1], text, strlen(text) + 1);
            sleep(2);
        }
    } else if (pid > 0) {
        char buffer[100];
        close(ends[1]);
        for (int n = 0; n < 5; n++) {
            memset(buffer, 0, sizeof buffer);
            ssize_t got = read(ends[0], buffer, sizeof buffer);
            if (got > 0) buffer[got - 1] = '\0';
            printf("%s\n", buffer);
        }
    } else {
        perror("fork error\n");
        return -1;
    }
    return 0;
}
