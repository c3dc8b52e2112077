// Fault: a sleeper on a semaphore set that is removed is told EINVAL (as for
// an id that never existed) instead of EIDRM.
#include "sem_real.h"

static int sem_shim(int id, struct sembuf* ops, size_t n, const struct timespec* timeout) {
    int r = real_semtimedop(id, ops, n, timeout);
    if (r < 0 && errno == EIDRM) errno = EINVAL;
    return r;
}
