// Fault: F_ADD_SEALS drops F_SEAL_SHRINK and F_SEAL_GROW from the seals asked
// for (and reports success), so the size stays changeable.
#define PSHM_FCNTL_SHIM
#include "pshm_real.h"

static int shim_fcntl(int fd, int cmd, long arg, real_fcntl_t real) {
    if (cmd == F_ADD_SEALS) arg &= ~(long)(F_SEAL_SHRINK | F_SEAL_GROW);
    return real(fd, cmd, arg);
}
