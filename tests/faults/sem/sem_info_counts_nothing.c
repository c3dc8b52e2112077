// Fault: SEM_INFO reports no sets and no semaphores in use (semusz and semaem
// 0), whatever exists.
#include "sem_ctl_real.h"

static int semctl_shim(int id, int num, int cmd, union sem_ctl_arg arg) {
    int r = real_semctl(id, num, cmd, arg);
    if (r >= 0 && cmd == SEM_INFO && arg.info) {
        arg.info->semusz = 0;
        arg.info->semaem = 0;
    }
    return r;
}
