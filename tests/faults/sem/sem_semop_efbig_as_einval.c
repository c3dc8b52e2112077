// Fault: a semop naming a semaphore past the end of the set fails with EINVAL
// (as for a bad id) instead of EFBIG.
#include "sem_real.h"

static int sem_shim(int id, struct sembuf* ops, size_t n, const struct timespec* timeout) {
    int r = real_semtimedop(id, ops, n, timeout);
    if (r < 0 && errno == EFBIG) errno = EINVAL;
    return r;
}
