// Fault: IPC_RMID on a segment that is still attached is only remembered and
// done at its last shmdt (as an emulation without SHM_DEST might do), so the
// key keeps naming the old segment until then.
#include "shm_real.h"

static int pending[64];
static int npending;

int shmctl(int id, int cmd, struct shmid_ds* ds) {
    if (cmd == IPC_RMID) {
        struct shmid_ds now;
        if (real_shmctl(id, IPC_STAT, &now) == 0 && now.shm_nattch > 0 && npending < 64) {
            pending[npending++] = id;
            return 0;
        }
    }
    return real_shmctl(id, cmd, ds);
}

void* shmat(int id, const void* addr, int flags) { return shm_attach_remembered(id, addr, flags); }

int shmdt(const void* addr) {
    struct shm_attachment a = shm_forget(addr);
    int r = real_shmdt(addr);
    struct shmid_ds now;
    for (int i = 0; r == 0 && a.address && i < npending; ++i)
        if (pending[i] == a.id && real_shmctl(a.id, IPC_STAT, &now) == 0 && now.shm_nattch == 0) {
            real_shmctl(a.id, IPC_RMID, NULL);
            pending[i] = -1;
        }
    return r;
}
