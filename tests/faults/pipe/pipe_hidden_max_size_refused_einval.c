// Fault: /proc/sys/fs cannot be read (as under gVisor), and F_SETPIPE_SZ
// past 1 MiB fails with EINVAL instead of EPERM for an unprivileged process:
// pipe-max-size must then be measured by behaviour, and the claim that the
// refusal is EPERM must still fail.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <string.h>
#include <unistd.h>

#define OPEN_HIDING_SYSCTL(name)                                                          \
    int name(const char* path, int flags, ...) {                                          \
        va_list ap;                                                                       \
        va_start(ap, flags);                                                              \
        int mode = va_arg(ap, int);                                                       \
        va_end(ap);                                                                       \
        if (strncmp(path, "/proc/sys/fs/", 13) == 0) {                                    \
            errno = EINVAL;                                                               \
            return -1;                                                                    \
        }                                                                                 \
        return ((int (*)(const char*, int, ...))dlsym(RTLD_NEXT, #name))(path, flags, mode); \
    }
OPEN_HIDING_SYSCTL(open)
OPEN_HIDING_SYSCTL(open64)

static int shim_fcntl(const char* symbol, int fd, int cmd, long arg) {
    int (*real)(int, int, ...) = (int (*)(int, int, ...))dlsym(RTLD_NEXT, symbol);
    if (cmd == F_SETPIPE_SZ && arg > (1L << 20) && geteuid() != 0) {
        errno = EINVAL;
        return -1;
    }
    return real(fd, cmd, arg);
}

#define FCNTL_SHIM(name)                        \
    int name(int fd, int cmd, ...) {            \
        va_list ap;                             \
        va_start(ap, cmd);                      \
        long arg = va_arg(ap, long);            \
        va_end(ap);                             \
        return shim_fcntl(#name, fd, cmd, arg); \
    }
FCNTL_SHIM(fcntl)
FCNTL_SHIM(fcntl64)
