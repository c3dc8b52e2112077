// Fault: shmctl(IPC_SET) changes the group and other permission bits but
// keeps the owner's, as a layer that never lets the owner lock itself out
// might.
#include "shm_real.h"

int shmctl(int id, int cmd, struct shmid_ds* ds) {
    if (cmd == IPC_SET && ds) {
        struct shmid_ds now;
        if (real_shmctl(id, IPC_STAT, &now) == 0) {
            struct shmid_ds wanted = *ds;
            wanted.shm_perm.mode = (now.shm_perm.mode & 0700) | (ds->shm_perm.mode & 0077);
            return real_shmctl(id, cmd, &wanted);
        }
    }
    return real_shmctl(id, cmd, ds);
}
