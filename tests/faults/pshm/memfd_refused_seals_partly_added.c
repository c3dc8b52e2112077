// Fault: when F_ADD_SEALS is refused with EBUSY for F_SEAL_WRITE, the other
// seals asked with it are added all the same.
#define PSHM_FCNTL_SHIM
#include "pshm_real.h"

static int shim_fcntl(int fd, int cmd, long arg, real_fcntl_t real) {
    int result = real(fd, cmd, arg);
    if (cmd == F_ADD_SEALS && result < 0 && errno == EBUSY && (arg & ~(long)F_SEAL_WRITE)) {
        real(fd, F_ADD_SEALS, arg & ~(long)F_SEAL_WRITE);
        errno = EBUSY;
    }
    return result;
}
