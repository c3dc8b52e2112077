// Fault: IPC_RMID of an attached segment is lost: the segment is never
// destroyed, so its pages and id stay counted after its last detach (a leak).
#include "shm_real.h"

int shmctl(int id, int cmd, struct shmid_ds* ds) {
    if (cmd == IPC_RMID) {
        struct shmid_ds now;
        if (real_shmctl(id, IPC_STAT, &now) == 0 && now.shm_nattch > 0) return 0;
    }
    return real_shmctl(id, cmd, ds);
}
