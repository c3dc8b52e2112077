// Fault: shmat of an id that names no segment fails with EIDRM (as if every
// unknown id were a removed segment's) instead of EINVAL.
#include "shm_real.h"

void* shmat(int id, const void* addr, int flags) {
    void* at = real_shmat(id, addr, flags);
    if (at == (void*)-1 && errno == EINVAL) {
        struct shmid_ds ds;
        if (real_shmctl(id, IPC_STAT, &ds) != 0 && errno == EINVAL) errno = EIDRM;
        else errno = EINVAL;
    }
    return at;
}
