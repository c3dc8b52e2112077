// Fault: poll never reports POLLERR for an eventfd, not even when a
// kernel-side addition has overflowed its counter.
#include "efd_real.h"

int poll(struct pollfd* fds, nfds_t n, int timeout) {
    int ready = real_poll(fds, n, timeout);
    if (ready <= 0) return ready;
    for (nfds_t i = 0; i < n; ++i)
        if ((fds[i].revents & POLLERR) && is_eventfd(fds[i].fd)) fds[i].revents &= ~POLLERR;
    return ready;
}
