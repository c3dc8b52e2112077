// Fault: F_SETPIPE_SZ refuses a shrink (EBUSY) only when the bytes held do
// not fit the new size, not when the page buffers holding them do not: a
// pipe of three half-full buffers shrinks to two pages, pretending to.
#include "fcntl_shim.h"

#include <sys/ioctl.h>

static int shim_fcntl(int fd, int cmd, long arg, real_fcntl_t real) {
    int held = 0;
    if (cmd == F_SETPIPE_SZ && ioctl(fd, FIONREAD, &held) == 0 && held <= arg && real(fd, F_GETPIPE_SZ) > arg) {
        int r = real(fd, cmd, arg);
        return r >= 0 ? r : (int)arg;  // the kernel's EBUSY (buffers) is hidden
    }
    return real(fd, cmd, arg);
}
