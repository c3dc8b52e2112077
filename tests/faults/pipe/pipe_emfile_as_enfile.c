// Fault: a pipe refused for want of descriptors reports ENFILE (the system's
// file table full) instead of EMFILE (this process's limit reached).
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <unistd.h>

int pipe2(int fds[2], int flags) {
    int (*real)(int*, int) = (int (*)(int*, int))dlsym(RTLD_NEXT, "pipe2");
    int rc = real(fds, flags);
    if (rc != 0 && errno == EMFILE) errno = ENFILE;
    return rc;
}

int pipe(int fds[2]) {
    int (*real)(int*) = (int (*)(int*))dlsym(RTLD_NEXT, "pipe");
    int rc = real(fds);
    if (rc != 0 && errno == EMFILE) errno = ENFILE;
    return rc;
}
