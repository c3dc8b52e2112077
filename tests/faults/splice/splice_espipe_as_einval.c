// Fault: splice reports an offset given for a pipe end with EINVAL instead of ESPIPE.
#include "splice_real.h"

ssize_t splice(int in, loff_t* off_in, int out, loff_t* off_out, size_t len, unsigned flags) {
    ssize_t n = real_splice(in, off_in, out, off_out, len, flags);
    if (n < 0 && errno == ESPIPE) errno = EINVAL;
    return n;
}
