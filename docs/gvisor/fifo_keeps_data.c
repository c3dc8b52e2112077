/* FIFO-04 check. Build: cc -o /tmp/fifo_keeps_data fifo_keeps_data.c; run: /tmp/fifo_keeps_data (and under: runsc --network=none --platform=ptrace do /tmp/fifo_keeps_data) */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int main(void) {
    char dir[] = "/tmp/fifocheckXXXXXX", path[64], buf[64];
    if (!mkdtemp(dir)) return perror("mkdtemp"), 2;
    snprintf(path, sizeof path, "%s/f", dir);
    if (mkfifo(path, 0600) != 0) return perror("mkfifo"), 2;

    /* round 1: put 5 bytes in, read none, close every end */
    int r = open(path, O_RDONLY | O_NONBLOCK), w = open(path, O_WRONLY);
    if (r < 0 || w < 0) return perror("open"), 2;
    printf("wrote %zd bytes, read none, closing both ends\n", write(w, "hello", 5));
    close(w);
    close(r);

    /* round 2: open both ends again and look for what was left */
    r = open(path, O_RDONLY | O_NONBLOCK);
    w = open(path, O_WRONLY);
    ssize_t n = read(r, buf, sizeof buf);
    if (n < 0)
        printf("read after reopening: -1 %s (nothing left)\n", strerror(errno));
    else
        printf("read after reopening: %zd bytes \"%.*s\" (the old data survived)\n", n, (int)n, buf);
    unlink(path);
    rmdir(dir);
    return 0;
}
