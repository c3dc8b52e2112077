// Fault: a segment's attach and detach times are never recorded: IPC_STAT
// reports shm_atime and shm_dtime 0.
#include "shm_real.h"

int shmctl(int id, int cmd, struct shmid_ds* ds) {
    int rc = real_shmctl(id, cmd, ds);
    if (rc >= 0 && ds && (cmd == IPC_STAT || cmd == SHM_STAT || cmd == SHM_STAT_ANY)) {
        ds->shm_atime = 0;
        ds->shm_dtime = 0;
    }
    return rc;
}
