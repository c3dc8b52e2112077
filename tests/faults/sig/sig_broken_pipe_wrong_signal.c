// Fault: a write to a broken pipe kills the writer with SIGTERM instead of
// SIGPIPE (signal 13), as an emulation layer with a wrong signal table might.
// Only when SIGPIPE has its default action; otherwise write() is untouched.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <signal.h>
#include <time.h>
#include <unistd.h>

ssize_t write(int fd, const void* buf, size_t count) {
    ssize_t (*real)(int, const void*, size_t) = (ssize_t(*)(int, const void*, size_t))dlsym(RTLD_NEXT, "write");
    struct sigaction current;
    if (sigaction(SIGPIPE, NULL, &current) != 0 || current.sa_handler != SIG_DFL) return real(fd, buf, count);
    sigset_t pipe_only, old;
    sigemptyset(&pipe_only);
    sigaddset(&pipe_only, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &pipe_only, &old);
    ssize_t r = real(fd, buf, count);
    int saved = errno;
    if (r < 0 && saved == EPIPE) {
        struct timespec now = {0, 0};
        sigtimedwait(&pipe_only, NULL, &now);
        raise(SIGTERM);
    }
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    errno = saved;
    return r;
}
