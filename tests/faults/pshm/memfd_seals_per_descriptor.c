// Fault: seals are kept per descriptor, not per file: F_ADD_SEALS records
// them for that descriptor only and F_GET_SEALS reports that descriptor's.
#define PSHM_FCNTL_SHIM
#include "pshm_real.h"

static int added[1024];  // by descriptor

static int shim_fcntl(int fd, int cmd, long arg, real_fcntl_t real) {
    if (fd < 0 || fd >= 1024 || (cmd != F_ADD_SEALS && cmd != F_GET_SEALS)) return real(fd, cmd, arg);
    int now = real(fd, F_GET_SEALS, 0);
    if (now < 0) return now;
    if (cmd == F_GET_SEALS) return (now & F_SEAL_SEAL) && !added[fd] ? now : added[fd];
    if (!(now & F_SEAL_SEAL) && (fcntl(fd, F_GETFL) & O_ACCMODE) == O_RDONLY) return real(fd, cmd, arg);
    added[fd] |= (int)arg;
    return 0;
}
