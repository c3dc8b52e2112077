// Fault: F_ADD_SEALS drops F_SEAL_SEAL, and a memfd made without
// MFD_ALLOW_SEALING accepts seals, so the set of seals is never frozen.
#define PSHM_FCNTL_SHIM
#include "pshm_real.h"

static int shim_fcntl(int fd, int cmd, long arg, real_fcntl_t real) {
    if (cmd == F_ADD_SEALS) {
        arg &= ~(long)F_SEAL_SEAL;
        int sealed = real(fd, F_GET_SEALS, 0);
        if (sealed >= 0 && (sealed & F_SEAL_SEAL)) return 0;  // pretends the seal was added
    }
    return real(fd, cmd, arg);
}
