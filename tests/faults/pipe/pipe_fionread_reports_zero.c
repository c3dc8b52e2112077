// Fault: ioctl(FIONREAD) on a pipe always reports 0 unread bytes.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdarg.h>
#include <sys/ioctl.h>
#include <sys/stat.h>

int ioctl(int fd, unsigned long request, ...) {
    int (*real)(int, unsigned long, ...) = (int (*)(int, unsigned long, ...))dlsym(RTLD_NEXT, "ioctl");
    va_list ap;
    va_start(ap, request);
    void* arg = va_arg(ap, void*);
    va_end(ap);
    int rc = real(fd, request, arg);
    struct stat st;
    if (rc == 0 && request == FIONREAD && fstat(fd, &st) == 0 && S_ISFIFO(st.st_mode)) *(int*)arg = 0;
    return rc;
}
