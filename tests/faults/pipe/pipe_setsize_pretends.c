// Fault: F_SETPIPE_SZ is accepted and answered but changes nothing (a sandbox
// that fakes the call): the size asked comes back rounded, the pipe keeps its
// capacity, and no EPERM or EBUSY is ever given.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <stdarg.h>
#include <unistd.h>

static int fake_fcntl(const char* name, int fd, int cmd, va_list ap) {
    int (*real)(int, int, ...) = (int (*)(int, int, ...))dlsym(RTLD_NEXT, name);
    void* arg = va_arg(ap, void*);
    if (cmd == F_SETPIPE_SZ) {
        long page = sysconf(_SC_PAGESIZE), size = page, asked = (long)(int)(long)arg;
        while (size < asked) size *= 2;
        return real(fd, F_GETPIPE_SZ) < 0 ? -1 : (int)size;
    }
    return real(fd, cmd, arg);
}

int fcntl(int fd, int cmd, ...) {
    va_list ap;
    va_start(ap, cmd);
    int rc = fake_fcntl("fcntl", fd, cmd, ap);
    va_end(ap);
    return rc;
}

int fcntl64(int fd, int cmd, ...) {
    va_list ap;
    va_start(ap, cmd);
    int rc = fake_fcntl("fcntl64", fd, cmd, ap);
    va_end(ap);
    return rc;
}
