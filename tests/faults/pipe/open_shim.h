// For shims that change open(2): defines open() and open64(), each handing
// the call to shim_open(), which the including shim defines, with the real
// function to call through.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <stdarg.h>

typedef int (*real_open_t)(const char*, int, ...);
static int shim_open(const char* path, int flags, int mode, real_open_t real);

#define OPEN_SHIM_DEFINE(name)                                                     \
    int name(const char* path, int flags, ...) {                                   \
        va_list ap;                                                                \
        va_start(ap, flags);                                                       \
        int mode = va_arg(ap, int);                                                \
        va_end(ap);                                                                \
        return shim_open(path, flags, mode, (real_open_t)dlsym(RTLD_NEXT, #name)); \
    }
OPEN_SHIM_DEFINE(open)
OPEN_SHIM_DEFINE(open64)
