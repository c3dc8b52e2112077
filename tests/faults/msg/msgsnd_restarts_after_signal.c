// Fault: msgsnd is restarted after a signal handler, as write(2) is under
// SA_RESTART, so a caught signal never ends the wait for room with EINTR.
#include "msg_real.h"

int msgsnd(int qid, const void* buf, size_t size, int flags) {
    int rc;
    do rc = real_msgsnd(qid, buf, size, flags);
    while (rc < 0 && errno == EINTR);
    return rc;
}
