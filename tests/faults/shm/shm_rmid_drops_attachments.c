// Fault: IPC_RMID destroys an attached segment's contents at once for the
// caller: its own attachments of that segment are replaced by zero pages,
// so the attach count drops and what others write no longer reaches it.
// A case that goes on after such a failure then meets setup steps failing
// (the segment vanishes early): the verdict must stay FAIL, not BROKEN.
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#include "shm_real.h"

void* shmat(int id, const void* addr, int flags) {
    void* at = real_shmat(id, addr, flags);
    if (at != (void*)-1) shm_remember(at, id, shm_segment_length(id));
    return at;
}

int shmdt(const void* addr) {
    shm_forget(addr);
    return real_shmdt(addr);
}

int shmctl(int id, int cmd, struct shmid_ds* ds) {
    int rc = real_shmctl(id, cmd, ds);
    if (rc == 0 && cmd == IPC_RMID)
        for (int i = 0; i < 64; ++i)
            if (shm_attachments[i].address && shm_attachments[i].id == id) {
                struct shm_attachment gone = shm_forget(shm_attachments[i].address);
                mmap((void*)gone.address, gone.length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED,
                     -1, 0);
            }
    return rc;
}
