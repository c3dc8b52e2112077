// Fault: a decrement that would have to wait returns at once as if it had
// been performed, taking nothing (a lock that never blocks its second taker).
#include "sem_real.h"

static int sem_shim(int id, struct sembuf* ops, size_t n, const struct timespec* timeout) {
    if (n == 0 || n > 64) return real_semtimedop(id, ops, n, timeout);
    struct sembuf nowait[64];
    int decrements = 0;
    for (size_t i = 0; i < n; ++i) {
        nowait[i] = ops[i];
        if (ops[i].sem_op < 0 && !(ops[i].sem_flg & IPC_NOWAIT)) {
            nowait[i].sem_flg |= IPC_NOWAIT;
            decrements = 1;
        }
    }
    if (!decrements) return real_semtimedop(id, ops, n, timeout);
    int r = real_semtimedop(id, nowait, n, timeout);
    if (r < 0 && errno == EAGAIN) return 0;
    return r;
}
