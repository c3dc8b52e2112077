// Fault: SETALL sets every semaphore of the set but the first, which keeps
// its value.
#include <stdlib.h>

#include "sem_ctl_real.h"

static int semctl_shim(int id, int num, int cmd, union sem_ctl_arg arg) {
    if (cmd == SETALL && arg.array) {
        struct semid_ds ds;
        union sem_ctl_arg stat = {.buf = &ds};
        if (real_semctl(id, 0, IPC_STAT, stat) == 0 && ds.sem_nsems > 0) {
            unsigned short* values = malloc(ds.sem_nsems * sizeof *values);
            if (!values) return real_semctl(id, num, cmd, arg);
            for (unsigned long i = 0; i < ds.sem_nsems; ++i) values[i] = arg.array[i];
            values[0] = (unsigned short)real_semctl(id, 0, GETVAL, arg);
            union sem_ctl_arg changed = {.array = values};
            int r = real_semctl(id, num, cmd, changed);
            int saved = errno;
            free(values);
            errno = saved;
            return r;
        }
    }
    return real_semctl(id, num, cmd, arg);
}
