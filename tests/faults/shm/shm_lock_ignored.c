// Fault: SHM_LOCK and SHM_UNLOCK report success and do nothing: no
// SHM_LOCKED flag, no permission or RLIMIT_MEMLOCK check.
#include "shm_real.h"

int shmctl(int id, int cmd, struct shmid_ds* ds) {
    if (cmd == SHM_LOCK || cmd == SHM_UNLOCK) return 0;
    return real_shmctl(id, cmd, ds);
}
