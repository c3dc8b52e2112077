// Fault: a semaphore decrement that would have to wait does not: it returns
// success at once without taking anything (a lock that never excludes).
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stddef.h>
#include <sys/sem.h>

int semop(int id, struct sembuf* ops, size_t n) {
    int (*real)(int, struct sembuf*, size_t) = (int (*)(int, struct sembuf*, size_t))dlsym(RTLD_NEXT, "semop");
    for (size_t i = 0; i < n; ++i) ops[i].sem_flg |= IPC_NOWAIT;
    int r = real(id, ops, n);
    if (r < 0 && errno == EAGAIN) return 0;
    return r;
}
