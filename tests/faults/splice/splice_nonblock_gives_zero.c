// Fault: with SPLICE_F_NONBLOCK, splice, tee and vmsplice that would block
// return 0 (as at end of input) instead of failing with EAGAIN.
#include "splice_real.h"

ssize_t splice(int in, loff_t* off_in, int out, loff_t* off_out, size_t len, unsigned flags) {
    ssize_t n = real_splice(in, off_in, out, off_out, len, flags);
    if (n < 0 && errno == EAGAIN && (flags & SPLICE_F_NONBLOCK)) return 0;
    return n;
}

ssize_t tee(int in, int out, size_t len, unsigned flags) {
    ssize_t n = real_tee(in, out, len, flags);
    if (n < 0 && errno == EAGAIN && (flags & SPLICE_F_NONBLOCK)) return 0;
    return n;
}

ssize_t vmsplice(int fd, const struct iovec* iov, size_t count, unsigned flags) {
    ssize_t n = real_vmsplice(fd, iov, count, flags);
    if (n < 0 && errno == EAGAIN && (flags & SPLICE_F_NONBLOCK)) return 0;
    return n;
}
