// Fault: close() of a descriptor that is not open reports success instead of
// EBADF (a double close goes unnoticed).
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <unistd.h>

int close(int fd) {
    int rc = ((int (*)(int))dlsym(RTLD_NEXT, "close"))(fd);
    if (rc != 0 && errno == EBADF) return 0;
    return rc;
}
