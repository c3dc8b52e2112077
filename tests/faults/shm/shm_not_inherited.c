// Fault: attachments are not inherited across fork (as if every segment were
// mapped with MADV_DONTFORK): the child of fork starts without them.
#include "shm_real.h"

void* shmat(int id, const void* addr, int flags) { return shm_attach_remembered(id, addr, flags); }

int shmdt(const void* addr) {
    shm_forget(addr);
    return real_shmdt(addr);
}

pid_t fork(void) {
    pid_t pid = SHM_REAL("fork", pid_t(*)(void))();
    if (pid == 0)
        for (int i = 0; i < 64; ++i)
            if (shm_attachments[i].address) real_shmdt(shm_forget(shm_attachments[i].address).address);
    return pid;
}
