// What the POSIX shared-memory and memfd fault shims build on: the real calls
// (the next definition after the shim's own), and fcntl()/fcntl64() handing
// the call to shim_fcntl() for the shims that define PSHM_FCNTL_SHIM.
#pragma once
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stddef.h>
#include <sys/mman.h>
#include <sys/types.h>
#include <unistd.h>

#define PSHM_REAL(name, type) ((type)dlsym(RTLD_NEXT, name))

static inline int real_shm_open(const char* name, int flags, mode_t mode) {
    return PSHM_REAL("shm_open", int (*)(const char*, int, mode_t))(name, flags, mode);
}
static inline int real_shm_unlink(const char* name) { return PSHM_REAL("shm_unlink", int (*)(const char*))(name); }
static inline int real_ftruncate(int fd, off_t length) {
    return PSHM_REAL("ftruncate", int (*)(int, off_t))(fd, length);
}

#ifdef PSHM_FCNTL_SHIM
typedef int (*real_fcntl_t)(int, int, ...);
static int shim_fcntl(int fd, int cmd, long arg, real_fcntl_t real);
#define PSHM_FCNTL_DEFINE(name)                                                 \
    int name(int fd, int cmd, ...) {                                            \
        va_list ap;                                                             \
        va_start(ap, cmd);                                                      \
        long arg = va_arg(ap, long);                                            \
        va_end(ap);                                                             \
        return shim_fcntl(fd, cmd, arg, (real_fcntl_t)dlsym(RTLD_NEXT, #name)); \
    }
PSHM_FCNTL_DEFINE(fcntl)
PSHM_FCNTL_DEFINE(fcntl64)
#endif
