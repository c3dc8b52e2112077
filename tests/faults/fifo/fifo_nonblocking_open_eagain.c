// Fault: a non-blocking open of a FIFO whose other side is absent fails with
// EAGAIN, whichever the direction (an emulation that treats "no partner yet"
// as "would block"): readers cannot open without a writer, and writers get
// EAGAIN rather than ENXIO.
#include "../pipe/open_shim.h"

#include <errno.h>
#include <sys/stat.h>
#include <unistd.h>

static int shim_open(const char* path, int flags, int mode, real_open_t real) {
    struct stat st;
    if (!(flags & O_NONBLOCK) || stat(path, &st) != 0 || !S_ISFIFO(st.st_mode)) return real(path, flags, mode);
    if ((flags & O_ACCMODE) == O_RDONLY) {
        int writer = real(path, O_WRONLY | O_NONBLOCK);  // succeeds only if a reader is there already
        if (writer < 0) {
            errno = EAGAIN;
            return -1;
        }
        close(writer);
        return real(path, flags, mode);
    }
    int fd = real(path, flags, mode);
    if (fd < 0 && errno == ENXIO) errno = EAGAIN;
    return fd;
}
