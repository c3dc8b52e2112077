/* PIPE-13 check. Build: cc -o /tmp/pipe_setsz pipe_setsz.c; run as root: /tmp/pipe_setsz (and under runsc ... do /tmp/pipe_setsz) */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/capability.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static void try_size(int fd, int size, const char* what) {
    int r = fcntl(fd, F_SETPIPE_SZ, size);
    if (r < 0)
        printf("%-40s F_SETPIPE_SZ(%d) = -1 %s\n", what, size, strerror(errno));
    else
        printf("%-40s F_SETPIPE_SZ(%d) = %d, F_GETPIPE_SZ = %d\n", what, size, r, fcntl(fd, F_GETPIPE_SZ));
}

int main(void) {
    struct __user_cap_header_struct h = {_LINUX_CAPABILITY_VERSION_3, 0};
    struct __user_cap_data_struct d[2];
    syscall(SYS_capget, &h, d);
    printf("euid %d, CAP_SYS_RESOURCE effective: %s\n", geteuid(),
           (d[0].effective >> CAP_SYS_RESOURCE) & 1 ? "yes" : "no");
    FILE* f = fopen("/proc/sys/fs/pipe-max-size", "r");
    long max = 1048576;
    if (f) {
        fscanf(f, "%ld", &max);
        fclose(f);
        printf("/proc/sys/fs/pipe-max-size = %ld\n", max);
    } else {
        printf("/proc/sys/fs/pipe-max-size: %s (taking 1048576)\n", strerror(errno));
    }
    int p[2];
    pipe(p);
    try_size(p[1], 4097, "one byte over a page:");
    try_size(p[1], 12288, "three pages:");
    try_size(p[1], 20479, "five pages minus one byte:");
    try_size(p[1], (int)max * 2, "twice pipe-max-size:");
    /* shrink below the page buffers held: 3 writes of 2049 bytes (6147 bytes, 3 pages on Linux) */
    try_size(p[1], 16384, "back to four pages:");
    char buf[2049] = {0};
    for (int i = 0; i < 3; i++) write(p[1], buf, sizeof buf);
    try_size(p[1], 8192, "2 pages while holding 3 x 2049 bytes:");
    return 0;
}
