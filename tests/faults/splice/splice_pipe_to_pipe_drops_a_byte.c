// Fault: the first single-byte splice between two pipes in each process
// takes the byte out of the source and drops it (reports 1 byte moved).
#include "splice_real.h"

ssize_t splice(int in, loff_t* off_in, int out, loff_t* off_out, size_t len, unsigned flags) {
    static int dropped = 0;
    if (!dropped && len == 1 && !off_in && !off_out && is_pipe(in) && is_pipe(out)) {
        char byte;
        ssize_t n = read(in, &byte, 1);
        if (n == 1) {
            dropped = 1;
            return 1;
        }
        return n;
    }
    return real_splice(in, off_in, out, off_out, len, flags);
}
