// Fault: SEM_UNDO is ignored, so the adjustments of a process that dies are
// never reverted and what it held stays taken.
#include "sem_real.h"

static int sem_shim(int id, struct sembuf* ops, size_t n, const struct timespec* timeout) {
    for (size_t i = 0; i < n; ++i) ops[i].sem_flg &= ~SEM_UNDO;
    return real_semtimedop(id, ops, n, timeout);
}
