// Fault: SEM_UNDO is recorded for the first operation of a semop call only;
// the others of the same call are not undone when the process dies.
#include "sem_real.h"

static int sem_shim(int id, struct sembuf* ops, size_t n, const struct timespec* timeout) {
    struct sembuf copy[64];
    if (n < 2 || n > 64) return real_semtimedop(id, ops, n, timeout);
    for (size_t i = 0; i < n; ++i) {
        copy[i] = ops[i];
        if (i > 0) copy[i].sem_flg &= ~SEM_UNDO;
    }
    return real_semtimedop(id, copy, n, timeout);
}
