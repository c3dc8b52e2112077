// Fault: once a pipe's writers are gone (poll reports POLLHUP), read() returns
// end of file at once and the data still buffered is lost.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

ssize_t read(int fd, void* buf, size_t count) {
    ssize_t (*real)(int, void*, size_t) = (ssize_t(*)(int, void*, size_t))dlsym(RTLD_NEXT, "read");
    struct stat st;
    struct pollfd p = {fd, POLLIN, 0};
    if (fstat(fd, &st) == 0 && S_ISFIFO(st.st_mode) && poll(&p, 1, 0) == 1 && (p.revents & POLLHUP)) return 0;
    return real(fd, buf, count);
}
