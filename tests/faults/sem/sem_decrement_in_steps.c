// Fault: a decrement by more than one is applied a unit at a time, so one
// that is larger than the value takes what there is and then waits (or, with
// IPC_NOWAIT, fails having taken it): semop is no longer all or nothing.
#include "sem_real.h"

static int sem_shim(int id, struct sembuf* ops, size_t n, const struct timespec* timeout) {
    if (n != 1 || ops[0].sem_op >= -1) return real_semtimedop(id, ops, n, timeout);
    struct sembuf one = ops[0];
    one.sem_op = -1;
    for (int taken = 0; taken < -ops[0].sem_op; ++taken)
        if (real_semtimedop(id, &one, 1, timeout) != 0) return -1;
    return 0;
}
