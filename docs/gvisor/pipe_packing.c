/* PIPE-12/FIFO-05 check. Build: cc -o /tmp/pipe_packing pipe_packing.c; run: /tmp/pipe_packing (and under runsc ... do /tmp/pipe_packing) */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

/* fill a non-blocking write end with k-byte writes until EAGAIN; return the bytes accepted */
static long fill(int w, int k) {
    static char chunk[8192];
    long total = 0;
    for (;;) {
        ssize_t n = write(w, chunk, (size_t)k);
        if (n < 0) break;
        total += n;
    }
    return total;
}

int main(void) {
    int sizes[] = {13, 100, 1000, 2049, 4096};
    long page = sysconf(_SC_PAGESIZE);
    char dir[] = "/tmp/packXXXXXX", path[64];
    if (!mkdtemp(dir)) return 2;
    snprintf(path, sizeof path, "%s/f", dir);
    printf("%-6s %-6s %-9s %-12s %-10s\n", "kind", "write", "accepted", "16 pages of", "16*page");
    printf("%-6s %-6s %-9s %-12s %-10s\n", "", "size", "", "whole writes", "bytes");
    for (int kind = 0; kind < 2; kind++)
        for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++) {
            int k = sizes[i], fd[2];
            if (kind == 0) {
                if (pipe(fd) != 0) return 2;
            } else { /* a new FIFO each time (see FIFO-04: gVisor would keep the last one's data) */
                unlink(path);
                mkfifo(path, 0600);
                fd[0] = open(path, O_RDONLY | O_NONBLOCK);
                fd[1] = open(path, O_WRONLY);
            }
            fcntl(fd[1], F_SETFL, O_NONBLOCK);
            long got = fill(fd[1], k);
            printf("%-6s %-6d %-9ld %-12ld %-10ld\n", kind ? "fifo" : "pipe", k, got,
                   16 * (page / k) * k, 16 * page);
            close(fd[0]);
            close(fd[1]);
        }
    unlink(path);
    rmdir(dir);
    return 0;
}
