// Fault: end of file wakes one reader only (the bug 6551d5c56eb0 fixed): the
// first read() of a pipe to see end of file returns 0; every other reader
// that reaches end of file on that pipe sleeps on. The first is remembered by
// a marker file named after the pipe's inode in $TMPDIR (the case's own
// directory).
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

ssize_t read(int fd, void* buf, size_t n) {
    ssize_t got = ((ssize_t(*)(int, void*, size_t))dlsym(RTLD_NEXT, "read"))(fd, buf, n);
    struct stat st;
    if (got != 0 || n == 0 || fstat(fd, &st) != 0 || !S_ISFIFO(st.st_mode)) return got;
    const char* dir = getenv("TMPDIR");
    char marker[512];
    snprintf(marker, sizeof marker, "%s/eof-woke-%lu", dir && *dir ? dir : "/tmp", (unsigned long)st.st_ino);
    int m = open(marker, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0600);
    if (m >= 0) {
        close(m);
        return got;  // the first to see end of file
    }
    for (;;) pause();
}
