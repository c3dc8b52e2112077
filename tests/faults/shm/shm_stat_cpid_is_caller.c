// Fault: IPC_STAT reports the calling process as the segment's creator
// (shm_cpid), as a layer that fills the field from the caller would: right
// for the creator, wrong for everyone else.
#include <unistd.h>

#include "shm_real.h"

int shmctl(int id, int cmd, struct shmid_ds* ds) {
    int r = real_shmctl(id, cmd, ds);
    if (r == 0 && (cmd == IPC_STAT || cmd == SHM_STAT) && ds) ds->shm_cpid = getpid();
    return r;
}
