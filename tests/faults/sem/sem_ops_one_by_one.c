// Fault: the operations of one semop are applied one after the other, each on
// its own (as an emulation without atomic sets might do), so a call that
// cannot complete leaves the operations before it applied.
#include "sem_real.h"

static int sem_shim(int id, struct sembuf* ops, size_t n, const struct timespec* timeout) {
    for (size_t i = 0; i < n; ++i)
        if (real_semtimedop(id, &ops[i], 1, timeout) != 0) return -1;
    return 0;
}
