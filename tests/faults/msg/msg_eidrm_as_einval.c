// Fault: a sleeper on a queue that is removed is told EINVAL (as for an id
// that never existed) instead of EIDRM.
#include "msg_real.h"

ssize_t msgrcv(int qid, void* buf, size_t size, long type, int flags) {
    ssize_t n = real_msgrcv(qid, buf, size, type, flags);
    if (n < 0 && errno == EIDRM) errno = EINVAL;
    return n;
}

int msgsnd(int qid, const void* buf, size_t size, int flags) {
    int r = real_msgsnd(qid, buf, size, flags);
    if (r < 0 && errno == EIDRM) errno = EINVAL;
    return r;
}
