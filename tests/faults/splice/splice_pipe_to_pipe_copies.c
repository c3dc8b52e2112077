// Fault: splice between two pipes copies the bytes (as tee does) and leaves
// them in the source pipe.
#include "splice_real.h"

ssize_t splice(int in, loff_t* off_in, int out, loff_t* off_out, size_t len, unsigned flags) {
    if (!off_in && !off_out && is_pipe(in) && is_pipe(out)) return real_tee(in, out, len, flags);
    return real_splice(in, off_in, out, off_out, len, flags);
}
