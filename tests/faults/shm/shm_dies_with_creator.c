// Fault: a segment lives only as long as the process that created it: every
// segment created with IPC_CREAT is removed when its creator exits.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stddef.h>
#include <sys/ipc.h>
#include <sys/shm.h>

static int created[64];
static int ncreated;

int shmget(key_t key, size_t size, int flags) {
    int (*real)(key_t, size_t, int) = (int (*)(key_t, size_t, int))dlsym(RTLD_NEXT, "shmget");
    int id = real(key, size, flags);
    if (id >= 0 && (flags & IPC_CREAT) && ncreated < 64) created[ncreated++] = id;
    return id;
}

__attribute__((destructor)) static void remove_created(void) {
    for (int i = 0; i < ncreated; ++i) shmctl(created[i], IPC_RMID, NULL);
}
