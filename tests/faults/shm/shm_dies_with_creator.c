// Fault: a segment lives only as long as the process that created it: every
// segment created with IPC_CREAT is removed when its creator exits.
#include "shm_created.h"

__attribute__((destructor)) static void remove_created(void) {
    for (int i = 0; i < ncreated; ++i) shmctl(created[i], IPC_RMID, NULL);
}
