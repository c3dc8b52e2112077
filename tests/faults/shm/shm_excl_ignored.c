// Fault: IPC_EXCL is ignored, so IPC_CREAT|IPC_EXCL on an existing key opens
// the segment instead of failing with EEXIST.
#include "shm_real.h"

int shmget(key_t key, size_t size, int flags) { return real_shmget(key, size, flags & ~IPC_EXCL); }
