// Fault: the bytes ftruncate adds to a file are not zeroed: they hold 'x'
// (as a layer that recycles memory without clearing it might).
#include <sys/stat.h>

#include "pshm_real.h"

int ftruncate(int fd, off_t length) {
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || length <= st.st_size) return real_ftruncate(fd, length);
    int rc = real_ftruncate(fd, length);
    if (rc != 0) return rc;
    int saved = errno;
    for (off_t at = st.st_size; at < length; ++at) (void)!pwrite(fd, "x", 1, at);
    errno = saved;
    return 0;
}
