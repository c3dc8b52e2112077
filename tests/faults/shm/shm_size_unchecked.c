// Fault: opening an existing segment does not check the size asked for, so a
// size larger than the segment's opens it instead of failing with EINVAL.
#include "shm_real.h"

int shmget(key_t key, size_t size, int flags) {
    int id = real_shmget(key, size, flags);
    if (id < 0 && errno == EINVAL && key != IPC_PRIVATE) id = real_shmget(key, 0, flags & ~(IPC_CREAT | IPC_EXCL));
    return id;
}
