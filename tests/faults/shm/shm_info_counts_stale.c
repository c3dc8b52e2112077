// Fault: SHM_INFO counts one segment more than exists (a removed one not yet
// forgotten), so its used_ids disagrees with /proc/sysvipc/shm.
#include "shm_real.h"

int shmctl(int id, int cmd, struct shmid_ds* ds) {
    int rc = real_shmctl(id, cmd, ds);
    if (rc >= 0 && ds && cmd == SHM_INFO) ((struct shm_info*)ds)->used_ids += 1;
    return rc;
}
