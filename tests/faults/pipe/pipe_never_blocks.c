// Fault: every pipe is born non-blocking, as on a system whose pipes never
// make a writer wait.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <unistd.h>

int pipe2(int fds[2], int flags) {
    int (*real)(int*, int) = (int (*)(int*, int))dlsym(RTLD_NEXT, "pipe2");
    return real(fds, flags | O_NONBLOCK);
}

int pipe(int fds[2]) { return pipe2(fds, 0); }
