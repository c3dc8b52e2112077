// Fault: a read of a signalfd returns its records without the sender and
// value (ssi_pid, ssi_uid, ssi_int 0), as an emulation that fills in only
// the signal number might.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <string.h>
#include <sys/signalfd.h>
#include <unistd.h>

static int is_signalfd(int fd) {
    char path[64], target[64];
    snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    ssize_t n = readlink(path, target, sizeof target - 1);
    if (n <= 0) return 0;
    target[n] = 0;
    return strstr(target, "signalfd") != NULL;
}

ssize_t read(int fd, void* buf, size_t count) {
    ssize_t (*real)(int, void*, size_t) = (ssize_t(*)(int, void*, size_t))dlsym(RTLD_NEXT, "read");
    ssize_t r = real(fd, buf, count);
    if (r > 0 && r % (ssize_t)sizeof(struct signalfd_siginfo) == 0 && is_signalfd(fd)) {
        struct signalfd_siginfo* s = (struct signalfd_siginfo*)buf;
        for (ssize_t i = 0; i < r / (ssize_t)sizeof *s; ++i) {
            s[i].ssi_pid = 0;
            s[i].ssi_uid = 0;
            s[i].ssi_int = 0;
        }
    }
    return r;
}
