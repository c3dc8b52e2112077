// Fault: splice and tee between pipes report the length asked for rather than
// the bytes they moved when they moved fewer.
#include "splice_real.h"

ssize_t splice(int in, loff_t* off_in, int out, loff_t* off_out, size_t len, unsigned flags) {
    ssize_t n = real_splice(in, off_in, out, off_out, len, flags);
    return n > 0 && is_pipe(in) && is_pipe(out) ? (ssize_t)len : n;
}

ssize_t tee(int in, int out, size_t len, unsigned flags) {
    ssize_t n = real_tee(in, out, len, flags);
    return n > 0 ? (ssize_t)len : n;
}
