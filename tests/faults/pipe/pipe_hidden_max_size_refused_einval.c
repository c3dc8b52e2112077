// Fault: /proc/sys/fs cannot be read (as under gVisor), and F_SETPIPE_SZ
// past 1 MiB fails with EINVAL instead of EPERM for an unprivileged process:
// pipe-max-size must then be measured by behaviour, and the claim that the
// refusal is EPERM must still fail.
#include "fcntl_shim.h"
#include "open_shim.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

static int shim_open(const char* path, int flags, int mode, real_open_t real) {
    if (strncmp(path, "/proc/sys/fs/", 13) == 0) {
        errno = EINVAL;
        return -1;
    }
    return real(path, flags, mode);
}

static int shim_fcntl(int fd, int cmd, long arg, real_fcntl_t real) {
    if (cmd == F_SETPIPE_SZ && arg > (1L << 20) && geteuid() != 0) {
        errno = EINVAL;
        return -1;
    }
    return real(fd, cmd, arg);
}
