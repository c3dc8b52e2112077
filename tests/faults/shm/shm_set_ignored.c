// Fault: shmctl(IPC_SET) reports success and changes nothing, so the owner
// cannot change a segment's mode.
#include "shm_real.h"

int shmctl(int id, int cmd, struct shmid_ds* ds) {
    if (cmd == IPC_SET) return 0;
    return real_shmctl(id, cmd, ds);
}
