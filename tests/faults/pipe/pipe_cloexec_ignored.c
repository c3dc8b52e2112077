// Fault: pipe2() ignores O_CLOEXEC, so its ends leak into exec'd programs.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <unistd.h>

int pipe2(int fds[2], int flags) {
    int (*real)(int*, int) = (int (*)(int*, int))dlsym(RTLD_NEXT, "pipe2");
    return real(fds, flags & ~O_CLOEXEC);
}
