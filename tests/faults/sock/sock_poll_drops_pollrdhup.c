// Fault: poll() does not pass POLLRDHUP on to the kernel (as before Linux
// 2.6.17): a poller waiting for POLLRDHUP alone is never woken by a
// shutdown.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <poll.h>

int poll(struct pollfd* fds, nfds_t n, int timeout) {
    int (*real)(struct pollfd*, nfds_t, int) = (int (*)(struct pollfd*, nfds_t, int))dlsym(RTLD_NEXT, "poll");
    for (nfds_t i = 0; i < n; ++i) fds[i].events &= ~POLLRDHUP;
    return real(fds, n, timeout);
}
