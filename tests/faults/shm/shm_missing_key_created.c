// Fault: shmget of a key that names no segment, without IPC_CREAT, creates
// one (of one page at least) instead of failing with ENOENT.
#include "shm_real.h"

int shmget(key_t key, size_t size, int flags) {
    int id = real_shmget(key, size, flags);
    if (id == -1 && errno == ENOENT && key != IPC_PRIVATE)
        id = real_shmget(key, size > 0 ? size : (size_t)sysconf(_SC_PAGESIZE), flags | IPC_CREAT | 0600);
    return id;
}
