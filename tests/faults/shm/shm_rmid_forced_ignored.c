// Fault: kernel.shm_rmid_forced accepts writes and ignores them (as a sandbox
// that fakes /proc/sys might): opening it for writing opens /dev/null instead.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <stdarg.h>
#include <string.h>

static int redirect(const char* path, int flags) {
    return strstr(path, "shm_rmid_forced") && (flags & (O_WRONLY | O_RDWR));
}

#define OPEN_SHIM(name)                                                              \
    int name(const char* path, int flags, ...) {                                     \
        va_list ap;                                                                  \
        va_start(ap, flags);                                                         \
        mode_t mode = va_arg(ap, mode_t);                                            \
        va_end(ap);                                                                  \
        int (*real)(const char*, int, ...) = (int (*)(const char*, int, ...))dlsym(RTLD_NEXT, #name); \
        return real(redirect(path, flags) ? "/dev/null" : path, flags, mode);        \
    }
OPEN_SHIM(open)
OPEN_SHIM(open64)

#define OPENAT_SHIM(name)                                                            \
    int name(int dir, const char* path, int flags, ...) {                            \
        va_list ap;                                                                  \
        va_start(ap, flags);                                                         \
        mode_t mode = va_arg(ap, mode_t);                                            \
        va_end(ap);                                                                  \
        int (*real)(int, const char*, int, ...) = (int (*)(int, const char*, int, ...))dlsym(RTLD_NEXT, #name); \
        return real(dir, redirect(path, flags) ? "/dev/null" : path, flags, mode);   \
    }
OPENAT_SHIM(openat)
OPENAT_SHIM(openat64)
