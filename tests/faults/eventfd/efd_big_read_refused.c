// Fault: a read of an eventfd with a buffer other than exactly 8 bytes fails
// with EINVAL (an implementation that checks `!= 8` instead of `< 8`).
#include "efd_real.h"

ssize_t read(int fd, void* buf, size_t n) {
    if (n > 8 && is_eventfd(fd)) {
        errno = EINVAL;
        return -1;
    }
    return real_read(fd, buf, n);
}
