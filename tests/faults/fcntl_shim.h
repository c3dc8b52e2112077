// For shims of any area that change fcntl(2): defines fcntl() and fcntl64(),
// each handing the call to shim_fcntl(), which the including shim defines,
// with the real function to call through.
#pragma once
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <dlfcn.h>
#include <fcntl.h>
#include <stdarg.h>

typedef int (*real_fcntl_t)(int, int, ...);
static int shim_fcntl(int fd, int cmd, long arg, real_fcntl_t real);

#define FCNTL_SHIM_DEFINE(name)                                                 \
    int name(int fd, int cmd, ...) {                                            \
        va_list ap;                                                             \
        va_start(ap, cmd);                                                      \
        long arg = va_arg(ap, long);                                            \
        va_end(ap);                                                             \
        return shim_fcntl(fd, cmd, arg, (real_fcntl_t)dlsym(RTLD_NEXT, #name)); \
    }
FCNTL_SHIM_DEFINE(fcntl)
FCNTL_SHIM_DEFINE(fcntl64)
