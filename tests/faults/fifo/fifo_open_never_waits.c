// Fault: opening a FIFO never waits for the other side (O_NONBLOCK is added
// behind the program's back): a reader's open returns at once, a writer's
// fails with ENXIO when no reader is there.
#include "../pipe/open_shim.h"

#include <sys/stat.h>

static int shim_open(const char* path, int flags, int mode, real_open_t real) {
    struct stat st;
    if (stat(path, &st) == 0 && S_ISFIFO(st.st_mode)) flags |= O_NONBLOCK;
    return real(path, flags, mode);
}
