// Fault: splice refuses a socket at either end with EINVAL.
#include "splice_real.h"

ssize_t splice(int in, loff_t* off_in, int out, loff_t* off_out, size_t len, unsigned flags) {
    if (kind_of(in) == S_IFSOCK || kind_of(out) == S_IFSOCK) {
        errno = EINVAL;
        return -1;
    }
    return real_splice(in, off_in, out, off_out, len, flags);
}
