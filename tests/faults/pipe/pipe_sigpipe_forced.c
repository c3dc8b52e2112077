// Fault: SIGPIPE is forced on the writer whatever its disposition (as a
// kernel using force_sig would): a write that fails with EPIPE kills the
// process even when SIGPIPE is ignored, blocked or caught.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <signal.h>
#include <unistd.h>

ssize_t write(int fd, const void* buf, size_t count) {
    ssize_t (*real)(int, const void*, size_t) = (ssize_t(*)(int, const void*, size_t))dlsym(RTLD_NEXT, "write");
    ssize_t n = real(fd, buf, count);
    if (n < 0 && errno == EPIPE) {
        signal(SIGPIPE, SIG_DFL);
        sigset_t set;
        sigemptyset(&set);
        sigaddset(&set, SIGPIPE);
        sigprocmask(SIG_UNBLOCK, &set, NULL);
        kill(getpid(), SIGPIPE);
    }
    return n;
}
