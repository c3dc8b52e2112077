// Fault: a write to a pipe or FIFO that cannot go in whole right now (the
// pipe has no free buffer, or less room than the write) is split: one half
// now, the other after yielding the CPU, as a kernel that ignored PIPE_BUF
// atomicity under pressure would do; concurrent writers' records interleave.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

ssize_t write(int fd, const void* buf, size_t count) {
    ssize_t (*real)(int, const void*, size_t) = (ssize_t(*)(int, const void*, size_t))dlsym(RTLD_NEXT, "write");
    struct stat st;
    int queued = 0, size = fcntl(fd, F_GETPIPE_SZ);
    struct pollfd p = {fd, POLLOUT, 0};
    if (count < 2 || fstat(fd, &st) != 0 || !S_ISFIFO(st.st_mode) || size <= 0 || ioctl(fd, FIONREAD, &queued) != 0)
        return real(fd, buf, count);
    int full = poll(&p, 1, 0) == 0;
    if (!full && (size_t)queued + count <= (size_t)size) return real(fd, buf, count);
    ssize_t a = real(fd, buf, count / 2);
    if (a <= 0) return a;
    sched_yield();
    ssize_t b = real(fd, (const char*)buf + a, count - (size_t)a);
    return b < 0 ? a : a + b;
}
