// Fault: SIOCOUTQ always reports 0, as if whatever was sent had already
// been read by the peer.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <linux/sockios.h>
#include <stdarg.h>
#include <sys/ioctl.h>
#include <sys/socket.h>

int ioctl(int fd, unsigned long request, ...) {
    va_list ap;
    va_start(ap, request);
    void* arg = va_arg(ap, void*);
    va_end(ap);
    int (*real)(int, unsigned long, ...) = (int (*)(int, unsigned long, ...))dlsym(RTLD_NEXT, "ioctl");
    if (request == SIOCOUTQ) {
        int r = real(fd, request, arg);
        if (r == 0) *(int*)arg = 0;
        return r;
    }
    return real(fd, request, arg);
}
