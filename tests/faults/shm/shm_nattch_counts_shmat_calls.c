// Fault: shm_nattch counts shmat calls of this process (less its shmdt calls)
// instead of the segment's mappings, as an emulation that keeps a count per
// attach call would report it.
#include "shm_real.h"

static int attach_calls[64];  // by shmid, ids below 64 only

void* shmat(int id, const void* addr, int flags) {
    void* at = real_shmat(id, addr, flags);
    if (at != (void*)-1 && id >= 0 && id < 64) ++attach_calls[id];
    if (at != (void*)-1) shm_remember(at, id, 0);
    return at;
}

int shmdt(const void* addr) {
    struct shm_attachment a = shm_forget(addr);
    int rc = real_shmdt(addr);
    if (rc == 0 && a.address && a.id >= 0 && a.id < 64) --attach_calls[a.id];
    return rc;
}

int shmctl(int id, int cmd, struct shmid_ds* ds) {
    int rc = real_shmctl(id, cmd, ds);
    if (rc == 0 && ds && cmd == IPC_STAT && id >= 0 && id < 64) ds->shm_nattch = (shmatt_t)attach_calls[id];
    return rc;
}
