// Fault: pipe2() drops the flags it does not know instead of refusing them
// (EINVAL): any value makes a pipe.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <unistd.h>

int pipe2(int fds[2], int flags) {
    int (*real)(int*, int) = (int (*)(int*, int))dlsym(RTLD_NEXT, "pipe2");
    return real(fds, flags & (O_CLOEXEC | O_NONBLOCK | O_DIRECT));
}
