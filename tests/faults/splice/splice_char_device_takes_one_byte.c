// Fault: splice from a pipe into a character device (/dev/null, /dev/zero)
// takes one byte per call, leaving the rest in the pipe.
#include "splice_real.h"

ssize_t splice(int in, loff_t* off_in, int out, loff_t* off_out, size_t len, unsigned flags) {
    if (len > 1 && is_pipe(in) && kind_of(out) == S_IFCHR) len = 1;
    return real_splice(in, off_in, out, off_out, len, flags);
}
