// Fault: tee that the kernel refuses with EINVAL (an end not a pipe, the same
// pipe twice) returns 0 instead, as if there were nothing to copy.
#include "splice_real.h"

ssize_t tee(int in, int out, size_t len, unsigned flags) {
    ssize_t n = real_tee(in, out, len, flags);
    if (n < 0 && errno == EINVAL) return 0;
    return n;
}
