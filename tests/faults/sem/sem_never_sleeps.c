// Fault: semop never sleeps: every operation behaves as if IPC_NOWAIT were
// given, so an operation that would have to wait fails with EAGAIN at once.
#include "sem_real.h"

static int sem_shim(int id, struct sembuf* ops, size_t n, const struct timespec* timeout) {
    for (size_t i = 0; i < n; ++i) ops[i].sem_flg |= IPC_NOWAIT;
    return real_semtimedop(id, ops, n, timeout);
}
