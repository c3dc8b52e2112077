// Fault: a process's first blocking msgrcv for a type waits for that type;
// from its second sleep on, the wait ends at the next message of any type,
// which it takes (as a layer whose wait queue forgets the type after the
// first wake-up might). Receives that find their type queued are untouched.
#include "msg_real.h"

static int sleeps;

ssize_t msgrcv(int qid, void* buf, size_t size, long type, int flags) {
    if (type <= 0 || (flags & (IPC_NOWAIT | MSG_EXCEPT | MSG_COPY))) return real_msgrcv(qid, buf, size, type, flags);
    ssize_t got = real_msgrcv(qid, buf, size, type, flags | IPC_NOWAIT);
    if (got >= 0 || errno != ENOMSG) return got;
    return real_msgrcv(qid, buf, size, ++sleeps > 1 ? 0 : type, flags);
}
