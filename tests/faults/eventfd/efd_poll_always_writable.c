// Fault: poll reports an eventfd writable (POLLOUT) whatever its counter,
// even at 0xfffffffffffffffe where a write of 1 would block.
#include "efd_real.h"

int poll(struct pollfd* fds, nfds_t n, int timeout) {
    int ready = real_poll(fds, n, timeout);
    if (ready < 0) return ready;
    for (nfds_t i = 0; i < n; ++i)
        if ((fds[i].events & POLLOUT) && !(fds[i].revents & POLLOUT) && is_eventfd(fds[i].fd)) {
            if (fds[i].revents == 0) ++ready;
            fds[i].revents |= POLLOUT;
        }
    return ready;
}
