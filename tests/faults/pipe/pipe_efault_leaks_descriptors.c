// Fault: pipe() and pipe2() make the pipe first and report EFAULT only when
// the caller's array cannot be written, leaving both new descriptors open
// (an emulation that forgets to undo the pipe).
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/uio.h>
#include <unistd.h>

// Copies the two descriptors into the caller's array with process_vm_writev
// on this very process, which fails with EFAULT instead of faulting.
static int hand_over(int fds[2], const int made[2]) {
    struct iovec local = {(void*)made, 2 * sizeof(int)};
    struct iovec remote = {fds, 2 * sizeof(int)};
    if (process_vm_writev(getpid(), &local, 1, &remote, 1, 0) == (ssize_t)(2 * sizeof(int))) return 0;
    errno = EFAULT;
    return -1;  // the pipe stays open
}

int pipe2(int fds[2], int flags) {
    int (*real)(int*, int) = (int (*)(int*, int))dlsym(RTLD_NEXT, "pipe2");
    int made[2];
    if (real(made, flags) != 0) return -1;
    return hand_over(fds, made);
}

int pipe(int fds[2]) { return pipe2(fds, 0); }
