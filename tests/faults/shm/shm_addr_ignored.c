// Fault: shmat ignores the address asked for (and SHM_RND, SHM_REMAP): the
// kernel chooses where every attachment goes.
#include "shm_real.h"

void* shmat(int id, const void* addr, int flags) {
    (void)addr;
    return real_shmat(id, NULL, flags & ~(SHM_RND | SHM_REMAP));
}
