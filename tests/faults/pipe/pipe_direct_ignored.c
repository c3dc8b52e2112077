// Fault: pipe2() accepts O_DIRECT but ignores it (an emulation layer that
// drops unknown flags): no packet mode, writes merge as in a byte stream.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <unistd.h>

int pipe2(int fds[2], int flags) {
    int (*real)(int*, int) = (int (*)(int*, int))dlsym(RTLD_NEXT, "pipe2");
    return real(fds, flags & ~O_DIRECT);
}
