// Fault: poll(2) reports a queue descriptor readable and writable whatever
// the queue holds.
#include <poll.h>
#include <sys/vfs.h>
#include "mq_real.h"

#define MQUEUE_MAGIC 0x19800202

int poll(struct pollfd* fds, nfds_t n, int timeout) {
    int r = ((int (*)(struct pollfd*, nfds_t, int))dlsym(RTLD_NEXT, "poll"))(fds, n, timeout);
    if (r < 0) return r;
    for (nfds_t i = 0; i < n; ++i) {
        struct statfs fs;
        if (fds[i].fd >= 0 && fstatfs(fds[i].fd, &fs) == 0 && fs.f_type == MQUEUE_MAGIC) {
            if (!fds[i].revents) ++r;
            fds[i].revents |= fds[i].events & (POLLIN | POLLRDNORM | POLLOUT | POLLWRNORM);
        }
    }
    return r;
}
