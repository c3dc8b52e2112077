// Fault: read() on an empty pipe or FIFO returns 0 (end of file) at once,
// although a writer is still open: readers never block, and non-blocking
// readers see end of file instead of EAGAIN.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

ssize_t read(int fd, void* buf, size_t count) {
    ssize_t (*real)(int, void*, size_t) = (ssize_t(*)(int, void*, size_t))dlsym(RTLD_NEXT, "read");
    struct stat st;
    struct pollfd p = {fd, POLLIN, 0};
    if (fstat(fd, &st) == 0 && S_ISFIFO(st.st_mode) && poll(&p, 1, 0) == 0) return 0;
    return real(fd, buf, count);
}
