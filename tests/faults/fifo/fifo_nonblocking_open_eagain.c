// Fault: a non-blocking open of a FIFO whose other side is absent fails with
// EAGAIN, whichever the direction (an emulation that treats "no partner yet"
// as "would block"): readers cannot open without a writer, and writers get
// EAGAIN rather than ENXIO.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <sys/stat.h>
#include <unistd.h>

#define OPEN_SHIM(name)                                                                   \
    int name(const char* path, int flags, ...) {                                          \
        int (*real)(const char*, int, ...) = (int (*)(const char*, int, ...))dlsym(RTLD_NEXT, #name); \
        va_list ap;                                                                       \
        va_start(ap, flags);                                                              \
        int mode = va_arg(ap, int);                                                       \
        va_end(ap);                                                                       \
        struct stat st;                                                                   \
        if ((flags & O_NONBLOCK) && stat(path, &st) == 0 && S_ISFIFO(st.st_mode)) {       \
            /* is the other side there? probe with the opposite direction */              \
            int probe = real(path, ((flags & O_ACCMODE) == O_RDONLY ? O_WRONLY : O_RDONLY) | O_NONBLOCK); \
            if ((flags & O_ACCMODE) == O_RDONLY) {                                        \
                if (probe < 0) {                                                          \
                    errno = EAGAIN;                                                       \
                    return -1;                                                            \
                }                                                                         \
                close(probe);                                                             \
            } else {                                                                      \
                if (probe >= 0) close(probe);                                             \
                int fd = real(path, flags, mode);                                         \
                if (fd < 0 && errno == ENXIO) errno = EAGAIN;                             \
                return fd;                                                                \
            }                                                                             \
        }                                                                                 \
        return real(path, flags, mode);                                                   \
    }
OPEN_SHIM(open)
OPEN_SHIM(open64)
