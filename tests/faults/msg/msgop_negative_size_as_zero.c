// Fault: a negative msgsz is taken as 0 instead of refused with EINVAL (msgsnd
// queues an empty message, msgrcv looks for one that fits in 0 bytes).
#include "msg_real.h"

int msgsnd(int qid, const void* buf, size_t size, int flags) {
    return real_msgsnd(qid, buf, (long)size < 0 ? 0 : size, flags);
}

ssize_t msgrcv(int qid, void* buf, size_t size, long type, int flags) {
    return real_msgrcv(qid, buf, (long)size < 0 ? 0 : size, type, flags);
}
