// Fault: shmget reports a refusal for want of room (past kernel.shmall or
// kernel.shmmni, ENOSPC) as ENOMEM, as a layer that maps every allocation
// failure to ENOMEM might.
#include "shm_real.h"

int shmget(key_t key, size_t size, int flags) {
    int id = real_shmget(key, size, flags);
    if (id < 0 && errno == ENOSPC) errno = ENOMEM;
    return id;
}
