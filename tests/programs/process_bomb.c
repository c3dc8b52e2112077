// Forks without bound: every child waits forever, the parent forks until the
// kernel refuses, then waits forever too.
#include <unistd.h>

int main(void) {
    for (;;) {
        pid_t pid = fork();
        if (pid == 0) {
            for (;;) pause();
        }
        if (pid < 0) {
            for (;;) pause();
        }
    }
}
