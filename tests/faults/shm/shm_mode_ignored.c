// Fault: permission bits are ignored on creation: every new segment is made
// readable and writable by everyone (0666), whatever mode was asked for.
#include "shm_real.h"

int shmget(key_t key, size_t size, int flags) {
    if (flags & IPC_CREAT) flags |= 0666;
    return real_shmget(key, size, flags);
}
