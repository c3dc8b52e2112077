// Fault: msgsnd and msgrcv given a NULL buffer fail with EINVAL (an argument
// check of a sandbox) instead of EFAULT.
#include "msg_real.h"

int msgsnd(int qid, const void* buf, size_t size, int flags) {
    if (!buf) {
        errno = EINVAL;
        return -1;
    }
    return real_msgsnd(qid, buf, size, flags);
}

ssize_t msgrcv(int qid, void* buf, size_t size, long type, int flags) {
    if (!buf) {
        errno = EINVAL;
        return -1;
    }
    return real_msgrcv(qid, buf, size, type, flags);
}
