// Fault: MSG_COPY is ignored, so "copy the message at index N" dequeues a
// message of type N instead of leaving the queue as it was.
#include "msg_real.h"

ssize_t msgrcv(int qid, void* buf, size_t size, long type, int flags) {
    return real_msgrcv(qid, buf, size, type, flags & ~MSG_COPY);
}
