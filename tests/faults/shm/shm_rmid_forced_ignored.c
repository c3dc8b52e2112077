// Fault: kernel.shm_rmid_forced accepts writes and ignores them (as a sandbox
// that fakes /proc/sys might): opening it for writing opens /dev/null instead.
#include "../pipe/open_shim.h"

#include <string.h>

static int shim_open(const char* path, int flags, int mode, real_open_t real) {
    if (strstr(path, "shm_rmid_forced") && (flags & (O_WRONLY | O_RDWR))) path = "/dev/null";
    return real(path, flags, mode);
}
