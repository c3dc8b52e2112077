// Fault: msgrcv is restarted after a signal handler, as read(2) is under
// SA_RESTART, so a caught signal never ends the wait with EINTR.
#include "msg_real.h"

ssize_t msgrcv(int qid, void* buf, size_t size, long type, int flags) {
    ssize_t n;
    do n = real_msgrcv(qid, buf, size, type, flags);
    while (n < 0 && errno == EINTR);
    return n;
}
