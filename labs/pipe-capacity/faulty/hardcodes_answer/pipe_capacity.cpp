// Lab "pipe-capacity", FAULTY (hard-codes the answer): makes a pipe but prints the
// capacity of a new pipe and prints it.
#include <cstdio>
#include <fcntl.h>
#include <unistd.h>

int main() {
    int fd[2];
    if (pipe(fd) == -1) {
        std::perror("pipe");
        return 1;
    }
    int size = fcntl(fd[0], F_GETPIPE_SZ);
    if (size == -1) {
        std::perror("fcntl(F_GETPIPE_SZ)");
        return 1;
    }
    (void)size;
    std::printf("capacity of a new pipe: %d\n", 65536);
    return 0;
}
