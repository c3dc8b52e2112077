// Fault: a wait for zero is a timed wait (2 ms) that re-checks the value
// after each timeout and takes 1 for zero (an off-by-one in the re-check):
// it returns while the value is still 1.
#include <sys/syscall.h>
#include <unistd.h>

#include "sem_real.h"

static int sem_shim(int id, struct sembuf* ops, size_t n, const struct timespec* timeout) {
    if (n != 1 || ops[0].sem_op != 0 || (ops[0].sem_flg & IPC_NOWAIT) || timeout)
        return real_semtimedop(id, ops, n, timeout);
    const struct timespec slice = {0, 2 * 1000 * 1000};
    for (;;) {
        if (real_semtimedop(id, ops, 1, &slice) == 0) return 0;
        if (errno != EAGAIN) return -1;
        if (syscall(SYS_semctl, id, ops[0].sem_num, GETVAL, 0) <= 1) return 0;
    }
}
