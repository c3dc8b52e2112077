// Fault: pipe-user-pages-soft is ignored (as an emulation without per-user
// pipe accounting would): F_GETPIPE_SZ reports every pipe holding less than
// the default 16 pages as a default one.
#include "fcntl_shim.h"

#include <unistd.h>

static int shim_fcntl(int fd, int cmd, long arg, real_fcntl_t real) {
    int rc = real(fd, cmd, arg);
    long def = 16 * sysconf(_SC_PAGESIZE);
    if (cmd == F_GETPIPE_SZ && rc > 0 && rc < def) return (int)def;
    return rc;
}
