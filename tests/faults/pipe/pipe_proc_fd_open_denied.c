// Fault: opening /proc/PID/fd/N of another process is refused with EACCES
// (a hardened or emulated /proc), so pipes really would be private to
// related processes.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <string.h>
#include <unistd.h>

static int denied(const char* path) {
    return strncmp(path, "/proc/", 6) == 0 && strstr(path, "/fd/") != NULL && strncmp(path, "/proc/self/", 11) != 0;
}

#define OPEN_SHIM(name)                                                                   \
    int name(const char* path, int flags, ...) {                                          \
        int (*real)(const char*, int, ...) = (int (*)(const char*, int, ...))dlsym(RTLD_NEXT, #name); \
        va_list ap;                                                                       \
        va_start(ap, flags);                                                              \
        int mode = va_arg(ap, int);                                                       \
        va_end(ap);                                                                       \
        if (denied(path)) {                                                               \
            errno = EACCES;                                                               \
            return -1;                                                                    \
        }                                                                                 \
        return real(path, flags, mode);                                                   \
    }
OPEN_SHIM(open)
OPEN_SHIM(open64)
