// Fault: F_SETPIPE_SZ clamps a size it cannot round (above 2^31 bytes) to
// /proc/sys/fs/pipe-max-size (1 MiB when unreadable) and succeeds, instead of
// failing with EINVAL.
#include "fcntl_shim.h"

#include <stdio.h>

static int shim_fcntl(int fd, int cmd, long arg, real_fcntl_t real) {
    if (cmd == F_SETPIPE_SZ && (unsigned long)arg > (1UL << 31)) {
        long max = 1L << 20;
        FILE* f = fopen("/proc/sys/fs/pipe-max-size", "re");
        if (f) {
            if (fscanf(f, "%ld", &max) != 1) max = 1L << 20;
            fclose(f);
        }
        arg = max;
    }
    return real(fd, cmd, arg);
}
