// Fault: F_ADD_SEALS F_SEAL_WRITE while a shared writable mapping exists
// reports success (and seals nothing), instead of failing with EBUSY.
#define PSHM_FCNTL_SHIM
#include "pshm_real.h"

static int shim_fcntl(int fd, int cmd, long arg, real_fcntl_t real) {
    int rc = real(fd, cmd, arg);
    if (rc < 0 && errno == EBUSY && cmd == F_ADD_SEALS) return 0;
    return rc;
}
