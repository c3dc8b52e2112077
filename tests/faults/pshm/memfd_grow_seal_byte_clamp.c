// Fault: under F_SEAL_GROW a write past the end is cut at the end byte, not
// at the page holding the end: a write whose bytes before the end lie in that
// page writes them and returns their count instead of failing with EPERM.
#include "pshm_real.h"

static ssize_t clamp_write(int fd, const void* bytes, size_t count, off_t at) {
    ssize_t (*real_pwrite)(int, const void*, size_t, off_t) =
        PSHM_REAL("pwrite", ssize_t(*)(int, const void*, size_t, off_t));
    int (*real_fcntl)(int, int, ...) = PSHM_REAL("fcntl", int (*)(int, int, ...));
    struct stat st;
    int seals = real_fcntl(fd, F_GET_SEALS);
    if (seals >= 0 && (seals & F_SEAL_GROW) && fstat(fd, &st) == 0 && at + (off_t)count > st.st_size) {
        if (at >= st.st_size) {
            errno = EPERM;
            return -1;
        }
        count = (size_t)(st.st_size - at);
    }
    return real_pwrite(fd, bytes, count, at);
}

ssize_t pwrite(int fd, const void* bytes, size_t count, off_t at) { return clamp_write(fd, bytes, count, at); }
ssize_t pwrite64(int fd, const void* bytes, size_t count, off_t at) { return clamp_write(fd, bytes, count, at); }
