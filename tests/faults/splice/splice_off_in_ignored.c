// Fault: splice ignores off_in for a file and reads from the file offset
// (advancing it), leaving *off_in as it was.
#include "splice_real.h"

ssize_t splice(int in, loff_t* off_in, int out, loff_t* off_out, size_t len, unsigned flags) {
    if (off_in && kind_of(in) == S_IFREG) off_in = NULL;
    return real_splice(in, off_in, out, off_out, len, flags);
}
