// Fault: vmsplice knows only one direction: on a pipe's read end it fails
// with EBADF instead of filling user memory from the pipe.
#include "splice_real.h"

ssize_t vmsplice(int fd, const struct iovec* iov, size_t count, unsigned flags) {
    int mode = fcntl(fd, F_GETFL);
    if (mode >= 0 && (mode & O_ACCMODE) == O_RDONLY) {
        errno = EBADF;
        return -1;
    }
    return real_vmsplice(fd, iov, count, flags);
}
