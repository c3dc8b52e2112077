// Fault: every pipe is made in packet mode (O_DIRECT): writes are never
// merged into a page already holding data, so each write takes a page buffer
// of its own and writes no longer run together in a read (a kernel without
// the small-write merge).
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <unistd.h>

int pipe2(int fds[2], int flags) {
    int (*real)(int*, int) = (int (*)(int*, int))dlsym(RTLD_NEXT, "pipe2");
    return real(fds, flags | O_DIRECT);
}

int pipe(int fds[2]) { return pipe2(fds, 0); }
