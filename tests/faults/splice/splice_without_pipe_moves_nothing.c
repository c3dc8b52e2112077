// Fault: splice between two descriptors of which neither is a pipe returns 0
// (nothing moved) instead of failing.
#include "splice_real.h"

ssize_t splice(int in, loff_t* off_in, int out, loff_t* off_out, size_t len, unsigned flags) {
    if (!is_pipe(in) && !is_pipe(out)) return 0;
    return real_splice(in, off_in, out, off_out, len, flags);
}
