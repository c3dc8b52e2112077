// What the POSIX shared-memory and memfd fault shims build on: the real calls
// (the next definition after the shim's own), and, for the shims that define
// PSHM_FCNTL_SHIM, fcntl()/fcntl64() handing the call to their shim_fcntl()
// (tests/faults/fcntl_shim.h, shared with the other areas).
#pragma once
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <string.h>
#include <sys/stat.h>
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
static inline int real_memfd_create(const char* name, unsigned flags) {
    return PSHM_REAL("memfd_create", int (*)(const char*, unsigned))(name, flags);
}

#ifdef PSHM_FCNTL_SHIM
#include "../fcntl_shim.h"
#endif
