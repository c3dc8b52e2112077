// Fault: SETVAL of a value above SEMVMX sets SEMVMX instead of failing with
// ERANGE (and one below 0 sets 0).
#include "sem_ctl_real.h"

static int semctl_shim(int id, int num, int cmd, union sem_ctl_arg arg) {
    if (cmd == SETVAL) {
        struct seminfo info;
        union sem_ctl_arg query = {.info = &info};
        if (real_semctl(0, 0, IPC_INFO, query) >= 0 && arg.val > info.semvmx) arg.val = info.semvmx;
        if (arg.val < 0) arg.val = 0;
    }
    return real_semctl(id, num, cmd, arg);
}
