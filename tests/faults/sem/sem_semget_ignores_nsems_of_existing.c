// Fault: semget of an existing key does not check nsems against the size of
// the set: asking for more semaphores than the set has opens it anyway.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <sys/sem.h>

int semget(key_t key, int nsems, int flags) {
    int (*real)(key_t, int, int) = (int (*)(key_t, int, int))dlsym(RTLD_NEXT, "semget");
    int id = real(key, nsems, flags);
    if (id < 0 && errno == EINVAL && key != IPC_PRIVATE && nsems > 0 && !(flags & IPC_EXCL)) {
        int existing = real(key, 0, flags & ~IPC_CREAT);
        if (existing >= 0) return existing;
        errno = EINVAL;
    }
    return id;
}
