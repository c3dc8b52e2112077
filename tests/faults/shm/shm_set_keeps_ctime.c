// Fault: IPC_SET changes the mode but not shm_ctime: IPC_STAT keeps
// reporting the time the segment had before the IPC_SET.
#include "shm_real.h"

static struct {
    int id;
    time_t ctime;
} kept[16];

int shmctl(int id, int cmd, struct shmid_ds* ds) {
    if (cmd == IPC_SET) {
        struct shmid_ds before;
        if (real_shmctl(id, IPC_STAT, &before) == 0)
            for (int i = 0; i < 16; ++i)
                if (kept[i].id == 0 || kept[i].id == id + 1) {
                    kept[i].id = id + 1;  // 0 marks a free entry
                    kept[i].ctime = before.shm_ctime;
                    break;
                }
        return real_shmctl(id, cmd, ds);
    }
    int rc = real_shmctl(id, cmd, ds);
    if (rc >= 0 && ds && cmd == IPC_STAT)
        for (int i = 0; i < 16; ++i)
            if (kept[i].id == id + 1) ds->shm_ctime = kept[i].ctime;
    return rc;
}
