// Fault: shmctl accepts a command it does not know and reports success,
// instead of failing with EINVAL.
#include "shm_real.h"

int shmctl(int id, int cmd, struct shmid_ds* ds) {
    int rc = real_shmctl(id, cmd, ds);
    if (rc < 0 && errno == EINVAL && cmd > SHM_STAT_ANY) return 0;
    return rc;
}
