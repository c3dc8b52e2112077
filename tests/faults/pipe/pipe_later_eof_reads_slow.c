// Fault: the first read() at end of file on a pipe returns 0 at once, every
// later one only after sleeping a second (as a layer that re-checks for
// writers on a slow path might).
#define _GNU_SOURCE
#include <dlfcn.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static int eof_reads[1024];

ssize_t read(int fd, void* buf, size_t n) {
    ssize_t (*real)(int, void*, size_t) = (ssize_t(*)(int, void*, size_t))dlsym(RTLD_NEXT, "read");
    ssize_t got = real(fd, buf, n);
    struct stat st;
    if (got == 0 && n > 0 && fd >= 0 && fd < 1024 && fstat(fd, &st) == 0 && S_ISFIFO(st.st_mode) &&
        eof_reads[fd]++ > 0) {
        const struct timespec second = {1, 0};
        nanosleep(&second, NULL);
    }
    return got;
}
