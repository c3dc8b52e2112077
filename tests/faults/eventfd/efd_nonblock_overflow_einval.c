// Fault: a write that would overflow a non-blocking eventfd fails with EINVAL
// instead of EAGAIN.
#include "efd_real.h"

ssize_t write(int fd, const void* buf, size_t n) {
    ssize_t put = real_write(fd, buf, n);
    if (put < 0 && errno == EAGAIN && is_eventfd(fd)) errno = EINVAL;
    return put;
}
