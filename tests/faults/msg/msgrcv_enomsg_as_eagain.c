// Fault: msgrcv with IPC_NOWAIT and nothing to take reports EAGAIN (as a
// read(2) on a non-blocking descriptor would) instead of ENOMSG.
#include "msg_real.h"

ssize_t msgrcv(int qid, void* buf, size_t size, long type, int flags) {
    ssize_t n = real_msgrcv(qid, buf, size, type, flags);
    if (n < 0 && errno == ENOMSG) errno = EAGAIN;
    return n;
}
