// Fault: vmsplice with more than IOV_MAX segments uses the first one instead
// of failing with EINVAL.
#include "splice_real.h"

ssize_t vmsplice(int fd, const struct iovec* iov, size_t count, unsigned flags) {
    long iov_max = sysconf(_SC_IOV_MAX);
    if (iov_max > 0 && count > (size_t)iov_max) count = 1;
    return real_vmsplice(fd, iov, count, flags);
}
