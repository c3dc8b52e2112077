// Fault: a splice interrupted by a caught signal returns 0 instead of failing
// with EINTR.
#include "splice_real.h"

ssize_t splice(int in, loff_t* off_in, int out, loff_t* off_out, size_t len, unsigned flags) {
    ssize_t n = real_splice(in, off_in, out, off_out, len, flags);
    if (n < 0 && errno == EINTR) return 0;
    return n;
}
