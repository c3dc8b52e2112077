// Fault: a file that is not a memfd (a POSIX shared memory object) is taken
// for a memfd made with MFD_ALLOW_SEALING: F_GET_SEALS hides F_SEAL_SEAL and
// an F_ADD_SEALS the kernel refuses for it is reported as a success.
#define PSHM_FCNTL_SHIM
#include "pshm_real.h"

#include <stdio.h>

static int is_memfd(int fd) {
    char link[64], target[256];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    ssize_t length = readlink(link, target, sizeof target - 1);
    return length > 0 && strncmp(target, "/memfd:", 7) == 0;
}

static int shim_fcntl(int fd, int cmd, long arg, real_fcntl_t real) {
    if ((cmd != F_GET_SEALS && cmd != F_ADD_SEALS) || is_memfd(fd)) return real(fd, cmd, arg);
    int result = real(fd, cmd, arg);
    if (cmd == F_GET_SEALS) return result < 0 ? result : result & ~F_SEAL_SEAL;
    return result < 0 && errno == EPERM ? 0 : result;
}
