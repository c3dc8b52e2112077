// Fault: a wait for zero with IPC_NOWAIT succeeds at a value of 1 (an
// off-by-one in the "is it zero yet" test of the non-blocking path).
#include <sys/syscall.h>
#include <unistd.h>

#include "sem_real.h"

static int sem_shim(int id, struct sembuf* ops, size_t n, const struct timespec* timeout) {
    if (n == 1 && ops[0].sem_op == 0 && (ops[0].sem_flg & IPC_NOWAIT) &&
        syscall(SYS_semctl, id, ops[0].sem_num, GETVAL, 0) == 1)
        return 0;
    return real_semtimedop(id, ops, n, timeout);
}
