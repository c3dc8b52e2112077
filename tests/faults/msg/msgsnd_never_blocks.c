// Fault: msgsnd never waits for room, as if IPC_NOWAIT were always given:
// EAGAIN on a full queue instead of sleeping.
#include "msg_real.h"

int msgsnd(int qid, const void* buf, size_t size, int flags) { return real_msgsnd(qid, buf, size, flags | IPC_NOWAIT); }
