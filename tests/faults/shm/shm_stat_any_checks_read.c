// Fault: SHM_STAT_ANY checks read permission as SHM_STAT does (EACCES), as if
// it were SHM_STAT under another number.
#include "shm_real.h"

int shmctl(int id, int cmd, struct shmid_ds* ds) {
    if (cmd == SHM_STAT_ANY) cmd = SHM_STAT;
    return real_shmctl(id, cmd, ds);
}
