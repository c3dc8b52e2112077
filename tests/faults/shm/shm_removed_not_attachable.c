// Fault: a segment marked for deletion (SHM_DEST) refuses new attachments
// with EIDRM, as other UNIX systems do, instead of Linux's shmat by id.
#include "shm_real.h"

void* shmat(int id, const void* addr, int flags) {
    struct shmid_ds ds;
    if (real_shmctl(id, IPC_STAT, &ds) == 0 && (ds.shm_perm.mode & SHM_DEST)) {
        errno = EIDRM;
        return (void*)-1;
    }
    return real_shmat(id, addr, flags);
}
