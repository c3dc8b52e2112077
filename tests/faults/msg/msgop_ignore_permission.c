// Fault: msgsnd and msgrcv do not check the queue's mode: a call refused with
// EACCES is reported as done (msgsnd sent, msgrcv of an empty message of the
// type asked for), as a layer that drops the permission check would.
#include "msg_real.h"

#include <string.h>

int msgsnd(int qid, const void* buf, size_t size, int flags) {
    int rc = real_msgsnd(qid, buf, size, flags);
    if (rc < 0 && errno == EACCES) return 0;
    return rc;
}

ssize_t msgrcv(int qid, void* buf, size_t size, long type, int flags) {
    ssize_t n = real_msgrcv(qid, buf, size, type, flags);
    if (n < 0 && errno == EACCES) {
        long t = type > 0 ? type : 1;
        memcpy(buf, &t, sizeof t);
        return 0;
    }
    return n;
}
