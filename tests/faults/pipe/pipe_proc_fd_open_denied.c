// Fault: opening /proc/PID/fd/N of another process is refused with EACCES
// (a hardened or emulated /proc), so pipes really would be private to
// related processes.
#include "open_shim.h"

#include <errno.h>
#include <string.h>

static int shim_open(const char* path, int flags, int mode, real_open_t real) {
    if (strncmp(path, "/proc/", 6) == 0 && strstr(path, "/fd/") && strncmp(path, "/proc/self/", 11) != 0) {
        errno = EACCES;
        return -1;
    }
    return real(path, flags, mode);
}
