// Fault: F_SETPIPE_SZ refuses a shrink (EBUSY) only when the bytes held do
// not fit the new size, not when the page buffers holding them do not: a
// pipe of three half-full buffers shrinks to two pages, pretending to.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <stdarg.h>
#include <sys/ioctl.h>

static int shim_fcntl(const char* symbol, int fd, int cmd, long arg) {
    int (*real)(int, int, ...) = (int (*)(int, int, ...))dlsym(RTLD_NEXT, symbol);
    int held = 0;
    if (cmd == F_SETPIPE_SZ && ioctl(fd, FIONREAD, &held) == 0 && held <= arg && real(fd, F_GETPIPE_SZ) > arg) {
        int r = real(fd, cmd, arg);
        return r >= 0 ? r : (int)arg;  // the kernel's EBUSY (buffers) is hidden
    }
    return real(fd, cmd, arg);
}

#define FCNTL_SHIM(name)                       \
    int name(int fd, int cmd, ...) {           \
        va_list ap;                            \
        va_start(ap, cmd);                     \
        long arg = va_arg(ap, long);           \
        va_end(ap);                            \
        return shim_fcntl(#name, fd, cmd, arg); \
    }
FCNTL_SHIM(fcntl)
FCNTL_SHIM(fcntl64)
