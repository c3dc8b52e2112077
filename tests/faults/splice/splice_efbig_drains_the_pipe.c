// Fault: a splice that fails with EFBIG has already taken the bytes out of
// the source pipe (they are lost).
#include <sys/ioctl.h>

#include "splice_real.h"

ssize_t splice(int in, loff_t* off_in, int out, loff_t* off_out, size_t len, unsigned flags) {
    ssize_t n = real_splice(in, off_in, out, off_out, len, flags);
    if (n < 0 && errno == EFBIG && is_pipe(in)) {
        char buf[4096];
        int held = 0;
        if (ioctl(in, FIONREAD, &held) == 0 && held > 0) {
            size_t left = (size_t)held < len ? (size_t)held : len;
            while (left > 0) {
                ssize_t got = read(in, buf, left < sizeof buf ? left : sizeof buf);
                if (got <= 0) break;
                left -= (size_t)got;
            }
        }
        errno = EFBIG;
    }
    return n;
}
