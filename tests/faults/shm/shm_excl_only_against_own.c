// Fault: IPC_CREAT|IPC_EXCL refuses only keys this process created itself;
// under a key another process created it opens that segment instead of
// failing with EEXIST (as a layer that keeps its key table per process might).
#include "shm_real.h"

static key_t created[64];

int shmget(key_t key, size_t size, int flags) {
    if (key != IPC_PRIVATE && (flags & IPC_CREAT) && (flags & IPC_EXCL)) {
        int mine = 0;
        for (int i = 0; i < 64; ++i) mine |= created[i] == key;
        int existing = real_shmget(key, 0, 0);
        if (!mine && existing >= 0) return existing;
    }
    int id = real_shmget(key, size, flags);
    if (id >= 0 && key != IPC_PRIVATE && (flags & IPC_CREAT))
        for (int i = 0; i < 64; ++i)
            if (created[i] == 0 || created[i] == key) {
                created[i] = key;
                break;
            }
    return id;
}
