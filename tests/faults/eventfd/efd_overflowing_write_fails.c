// Fault: a write that would overflow a blocking eventfd fails with EAGAIN at
// once instead of waiting for a read (the write is made non-blocking).
#include "efd_real.h"

ssize_t write(int fd, const void* buf, size_t n) {
    if (!is_eventfd(fd)) return real_write(fd, buf, n);
    int flags = fcntl(fd, F_GETFL);
    if (flags < 0 || (flags & O_NONBLOCK)) return real_write(fd, buf, n);
    fcntl(fd, F_SETFL, flags | O_NONBLOCK);
    ssize_t put = real_write(fd, buf, n);
    int saved = errno;
    fcntl(fd, F_SETFL, flags);
    errno = saved;
    return put;
}
