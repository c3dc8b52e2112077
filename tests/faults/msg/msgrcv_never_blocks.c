// Fault: msgrcv never waits, as if IPC_NOWAIT were always given.
#include "msg_real.h"

ssize_t msgrcv(int qid, void* buf, size_t size, long type, int flags) {
    return real_msgrcv(qid, buf, size, type, flags | IPC_NOWAIT);
}
