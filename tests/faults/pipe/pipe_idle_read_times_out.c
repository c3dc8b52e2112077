// Fault: a blocking read of a pipe or FIFO that gets no data for 250 ms is
// cut short by a timer and returns 0 (end of file), although a write end is
// still open, as an emulation layer with a read timeout might. The reader
// does sleep in read(2) until then: only a reader watched for longer than
// that sees the fault.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static void timed_out(int sig) { (void)sig; }

ssize_t read(int fd, void* buf, size_t count) {
    ssize_t (*real)(int, void*, size_t) = (ssize_t(*)(int, void*, size_t))dlsym(RTLD_NEXT, "read");
    struct stat st;
    int flags = fcntl(fd, F_GETFL);
    if (count == 0 || flags < 0 || (flags & O_NONBLOCK) || fstat(fd, &st) != 0 || !S_ISFIFO(st.st_mode))
        return real(fd, buf, count);

    struct sigaction interrupt = {0}, saved;  // no SA_RESTART: the read returns EINTR
    interrupt.sa_handler = timed_out;
    sigaction(SIGALRM, &interrupt, &saved);
    struct sigevent event = {0};
    event.sigev_notify = SIGEV_SIGNAL;
    event.sigev_signo = SIGALRM;
    timer_t timer;
    int armed = timer_create(CLOCK_MONOTONIC, &event, &timer) == 0;
    struct itimerspec once = {{0, 0}, {0, 250 * 1000 * 1000}};
    if (armed) timer_settime(timer, 0, &once, NULL);
    ssize_t n = real(fd, buf, count);
    int err = errno;
    if (armed) timer_delete(timer);
    sigaction(SIGALRM, &saved, NULL);
    if (n == -1 && err == EINTR) return 0;  // idle too long: "end of file"
    errno = err;
    return n;
}
