// Fault: a read of a zero counter on a blocking eventfd fails with EAGAIN at
// once instead of sleeping until a write.
#include "efd_real.h"

ssize_t read(int fd, void* buf, size_t n) {
    if (is_eventfd(fd)) {
        struct pollfd p = {fd, POLLIN, 0};
        if (real_poll(&p, 1, 0) == 0) {
            errno = EAGAIN;
            return -1;
        }
    }
    return real_read(fd, buf, n);
}
