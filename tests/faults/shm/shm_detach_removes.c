// Fault: shmdt removes the segment it detaches (IPC_RMID), as if detaching
// were deleting, so the key no longer names it.
#include "shm_real.h"

void* shmat(int id, const void* addr, int flags) { return shm_attach_remembered(id, addr, flags); }

int shmdt(const void* addr) {
    struct shm_attachment a = shm_forget(addr);
    int r = real_shmdt(addr);
    if (r == 0 && a.address) real_shmctl(a.id, IPC_RMID, NULL);
    return r;
}
