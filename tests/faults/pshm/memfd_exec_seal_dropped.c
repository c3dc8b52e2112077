// Fault: F_ADD_SEALS drops F_SEAL_EXEC from the seals asked for (and reports
// success), so the execute bits stay changeable.
#define PSHM_FCNTL_SHIM
#include "pshm_real.h"

#ifndef F_SEAL_EXEC
#define F_SEAL_EXEC 0x0020
#endif

static int shim_fcntl(int fd, int cmd, long arg, real_fcntl_t real) {
    if (cmd == F_ADD_SEALS) arg &= ~(long)F_SEAL_EXEC;
    return real(fd, cmd, arg);
}
