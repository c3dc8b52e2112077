// Fault: a new segment's size is rounded up to whole pages before it is made,
// so shm_segsz reports the rounded size instead of the one requested.
#include "shm_real.h"

int shmget(key_t key, size_t size, int flags) {
    if (flags & IPC_CREAT) {
        size_t page = (size_t)sysconf(_SC_PAGESIZE);
        size = (size + page - 1) / page * page;
    }
    return real_shmget(key, size, flags);
}
