// Fault: splice, tee and vmsplice never wait: every call behaves as with
// SPLICE_F_NONBLOCK, failing with EAGAIN where it would sleep.
#include "splice_real.h"

ssize_t splice(int in, loff_t* off_in, int out, loff_t* off_out, size_t len, unsigned flags) {
    return real_splice(in, off_in, out, off_out, len, flags | SPLICE_F_NONBLOCK);
}

ssize_t tee(int in, int out, size_t len, unsigned flags) { return real_tee(in, out, len, flags | SPLICE_F_NONBLOCK); }

ssize_t vmsplice(int fd, const struct iovec* iov, size_t count, unsigned flags) {
    return real_vmsplice(fd, iov, count, flags | SPLICE_F_NONBLOCK);
}
