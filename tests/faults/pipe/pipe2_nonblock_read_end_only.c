// Fault: pipe2(O_NONBLOCK) makes only the read end non-blocking; the write
// end blocks as a plain one would.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <unistd.h>

int pipe2(int fds[2], int flags) {
    int (*real)(int*, int) = (int (*)(int*, int))dlsym(RTLD_NEXT, "pipe2");
    if (!(flags & O_NONBLOCK)) return real(fds, flags);
    int rc = real(fds, flags & ~O_NONBLOCK);
    if (rc == 0) fcntl(fds[0], F_SETFL, fcntl(fds[0], F_GETFL) | O_NONBLOCK);
    return rc;
}
