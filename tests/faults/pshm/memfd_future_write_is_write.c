// Fault: F_SEAL_FUTURE_WRITE is taken as F_SEAL_WRITE, so it is refused
// (EBUSY) while a shared writable mapping exists.
#define PSHM_FCNTL_SHIM
#include "pshm_real.h"

#ifndef F_SEAL_FUTURE_WRITE
#define F_SEAL_FUTURE_WRITE 0x0010
#endif

static int shim_fcntl(int fd, int cmd, long arg, real_fcntl_t real) {
    if (cmd == F_ADD_SEALS && (arg & F_SEAL_FUTURE_WRITE)) arg = (arg & ~(long)F_SEAL_FUTURE_WRITE) | F_SEAL_WRITE;
    return real(fd, cmd, arg);
}
