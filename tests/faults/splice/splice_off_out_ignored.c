// Fault: splice ignores off_out for a file and writes at the file offset
// (advancing it), leaving *off_out as it was.
#include "splice_real.h"

ssize_t splice(int in, loff_t* off_in, int out, loff_t* off_out, size_t len, unsigned flags) {
    if (off_out && kind_of(out) == S_IFREG) off_out = NULL;
    return real_splice(in, off_in, out, off_out, len, flags);
}
