// Fault: IPC_SET succeeds but leaves the mode as it was.
#include "sem_ctl_real.h"

static int semctl_shim(int id, int num, int cmd, union sem_ctl_arg arg) {
    if (cmd == IPC_SET && arg.buf) {
        struct semid_ds now;
        union sem_ctl_arg stat = {.buf = &now};
        if (real_semctl(id, 0, IPC_STAT, stat) == 0) {
            struct semid_ds wanted = *arg.buf;
            wanted.sem_perm.mode = now.sem_perm.mode;
            union sem_ctl_arg changed = {.buf = &wanted};
            return real_semctl(id, num, cmd, changed);
        }
    }
    return real_semctl(id, num, cmd, arg);
}
