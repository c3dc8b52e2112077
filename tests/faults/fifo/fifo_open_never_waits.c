// Fault: opening a FIFO never waits for the other side (O_NONBLOCK is added
// behind the program's back): a reader's open returns at once, a writer's
// fails with ENXIO when no reader is there.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <stdarg.h>
#include <sys/stat.h>

#define OPEN_SHIM(name)                                                                   \
    int name(const char* path, int flags, ...) {                                          \
        int (*real)(const char*, int, ...) = (int (*)(const char*, int, ...))dlsym(RTLD_NEXT, #name); \
        va_list ap;                                                                       \
        va_start(ap, flags);                                                              \
        int mode = va_arg(ap, int);                                                       \
        va_end(ap);                                                                       \
        struct stat st;                                                                   \
        if (stat(path, &st) == 0 && S_ISFIFO(st.st_mode)) flags |= O_NONBLOCK;            \
        return real(path, flags, mode);                                                   \
    }
OPEN_SHIM(open)
OPEN_SHIM(open64)
