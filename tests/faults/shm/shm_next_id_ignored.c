// Fault: kernel.shm_next_id is not honoured: every segment creation first
// makes and removes a throwaway segment, which takes the id asked for (and
// resets the sysctl), so the segment the caller gets has another id.
#include "shm_real.h"

int shmget(key_t key, size_t size, int flags) {
    if (key == IPC_PRIVATE || (flags & IPC_CREAT)) {
        int throwaway = real_shmget(IPC_PRIVATE, (size_t)sysconf(_SC_PAGESIZE), IPC_CREAT | 0600);
        int id = real_shmget(key, size, flags);
        int saved = errno;
        if (throwaway >= 0) real_shmctl(throwaway, IPC_RMID, 0);
        errno = saved;
        return id;
    }
    return real_shmget(key, size, flags);
}
