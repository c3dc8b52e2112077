// Fault: IPC_NOWAIT is honoured on semaphore 0 of a set only; an operation on
// any other semaphore of the set sleeps as if it had not been given.
#include "sem_real.h"

static int sem_shim(int id, struct sembuf* ops, size_t n, const struct timespec* timeout) {
    struct sembuf copy[64];
    if (n > 64) return real_semtimedop(id, ops, n, timeout);
    for (size_t i = 0; i < n; ++i) {
        copy[i] = ops[i];
        if (copy[i].sem_num > 0) copy[i].sem_flg &= ~IPC_NOWAIT;
    }
    return real_semtimedop(id, copy, n, timeout);
}
