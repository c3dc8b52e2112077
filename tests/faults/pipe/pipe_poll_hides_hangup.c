// Fault: poll() never reports POLLHUP or POLLERR on pipes and FIFOs (an
// emulation that only knows readable and writable).
#define _GNU_SOURCE
#include <dlfcn.h>
#include <poll.h>
#include <sys/stat.h>

int poll(struct pollfd* fds, nfds_t n, int timeout) {
    int (*real)(struct pollfd*, nfds_t, int) = (int (*)(struct pollfd*, nfds_t, int))dlsym(RTLD_NEXT, "poll");
    int rc = real(fds, n, timeout);
    if (rc <= 0) return rc;
    rc = 0;
    for (nfds_t i = 0; i < n; ++i) {
        struct stat st;
        if (fstat(fds[i].fd, &st) == 0 && S_ISFIFO(st.st_mode)) fds[i].revents &= ~(POLLHUP | POLLERR);
        rc += fds[i].revents != 0;
    }
    return rc;
}
