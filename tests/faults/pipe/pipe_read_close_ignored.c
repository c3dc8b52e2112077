// Fault: closing a pipe's read end does not reach the pipe (the descriptor is
// kept open behind the program's back, as by a leaky emulation layer): the
// last reader never leaves, so writers are not woken, get no SIGPIPE/EPIPE,
// and poll never reports POLLERR.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

int close(int fd) {
    int (*real)(int) = (int (*)(int))dlsym(RTLD_NEXT, "close");
    struct stat st;
    int flags = fcntl(fd, F_GETFL);
    if (fstat(fd, &st) == 0 && S_ISFIFO(st.st_mode) && flags >= 0 && (flags & O_ACCMODE) == O_RDONLY) return 0;
    return real(fd);
}
