// Fault: pipe() and pipe2() hand back the ends the wrong way round, fd[0]
// writing and fd[1] reading, as a careless emulation might.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <unistd.h>

int pipe2(int fds[2], int flags) {
    int (*real)(int*, int) = (int (*)(int*, int))dlsym(RTLD_NEXT, "pipe2");
    int rc = real(fds, flags);
    if (rc == 0) {
        int t = fds[0];
        fds[0] = fds[1];
        fds[1] = t;
    }
    return rc;
}

int pipe(int fds[2]) { return pipe2(fds, 0); }
