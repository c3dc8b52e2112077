// Fault: semtimedop with a timeout does not wait: an operation that cannot
// complete at once fails with EAGAIN, as with IPC_NOWAIT.
#include <stdlib.h>

#include "sem_real.h"

static int sem_shim(int id, struct sembuf* ops, size_t n, const struct timespec* timeout) {
    if (!timeout || n == 0 || n > 64) return real_semtimedop(id, ops, n, timeout);
    struct sembuf nowait[64];
    for (size_t i = 0; i < n; ++i) {
        nowait[i] = ops[i];
        nowait[i].sem_flg |= IPC_NOWAIT;
    }
    return real_semtimedop(id, nowait, n, timeout);
}
