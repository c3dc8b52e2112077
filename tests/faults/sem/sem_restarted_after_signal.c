// Fault: a semop interrupted by a caught signal is restarted (as SA_RESTART
// would for read) instead of failing with EINTR.
#include "sem_real.h"

static int sem_shim(int id, struct sembuf* ops, size_t n, const struct timespec* timeout) {
    int r;
    do r = real_semtimedop(id, ops, n, timeout);
    while (r < 0 && errno == EINTR);
    return r;
}
