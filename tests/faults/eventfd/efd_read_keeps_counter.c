// Fault: a read of an eventfd returns the counter but does not reset it (the
// value is put back), as an emulation that forgets the read's side effect.
#include "efd_real.h"

ssize_t read(int fd, void* buf, size_t n) {
    ssize_t got = real_read(fd, buf, n);
    if (got == 8 && is_eventfd(fd)) {
        int saved = errno;
        (void)real_write(fd, buf, 8);
        errno = saved;
    }
    return got;
}
