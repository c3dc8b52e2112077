// Fault: open(O_RDWR) of a FIFO is taken as a plain reader's open (POSIX
// leaves O_RDWR on a FIFO undefined): it waits for a writer, as O_RDONLY does.
#include "../pipe/open_shim.h"

#include <sys/stat.h>

static int shim_open(const char* path, int flags, int mode, real_open_t real) {
    struct stat st;
    if ((flags & O_ACCMODE) == O_RDWR && stat(path, &st) == 0 && S_ISFIFO(st.st_mode))
        flags = (flags & ~O_ACCMODE) | O_RDONLY;
    return real(path, flags, mode);
}
