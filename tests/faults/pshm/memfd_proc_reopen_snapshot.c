// Fault: opening /proc/PID/fd/N of a memfd returns a new memfd holding a copy
// of its contents at that moment, so what is written through either one is
// not seen through the other.
#include "pshm_real.h"

#include <stdarg.h>
#include <stdio.h>

static int is_memfd_path(const char* path) {
    char target[256];
    ssize_t length = readlink(path, target, sizeof target - 1);
    return strncmp(path, "/proc/", 6) == 0 && strstr(path, "/fd/") && length > 0 && strncmp(target, "/memfd:", 7) == 0;
}

static int snapshot(int fd) {
    struct stat st;
    int copy = fstat(fd, &st) == 0 ? real_memfd_create("snapshot", MFD_ALLOW_SEALING) : -1;
    if (copy < 0) return fd;
    char bytes[4096];
    for (off_t at = 0; at < st.st_size;) {
        ssize_t got = pread(fd, bytes, sizeof bytes, at);
        if (got <= 0 || pwrite(copy, bytes, (size_t)got, at) != got) break;
        at += got;
    }
    close(fd);
    return copy;
}

static int shim_open(const char* symbol, const char* path, int flags, mode_t mode) {
    int fd = PSHM_REAL(symbol, int (*)(const char*, int, ...))(path, flags, mode);
    return fd >= 0 && (flags & O_ACCMODE) == O_RDWR && is_memfd_path(path) ? snapshot(fd) : fd;
}

int open(const char* path, int flags, ...) {
    va_list ap;
    va_start(ap, flags);
    mode_t mode = (mode_t)va_arg(ap, int);
    va_end(ap);
    return shim_open("open", path, flags, mode);
}

int open64(const char* path, int flags, ...) {
    va_list ap;
    va_start(ap, flags);
    mode_t mode = (mode_t)va_arg(ap, int);
    va_end(ap);
    return shim_open("open64", path, flags, mode);
}
