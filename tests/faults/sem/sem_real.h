// For shims that change System V semaphore calls: the real semop and
// semtimedop (the next definitions after the shim's own).
#pragma once
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stddef.h>
#include <sys/sem.h>
#include <time.h>

static inline int real_semop(int id, struct sembuf* ops, size_t n) {
    return ((int (*)(int, struct sembuf*, size_t))dlsym(RTLD_NEXT, "semop"))(id, ops, n);
}
static inline int real_semtimedop(int id, struct sembuf* ops, size_t n, const struct timespec* timeout) {
    return ((int (*)(int, struct sembuf*, size_t, const struct timespec*))dlsym(RTLD_NEXT, "semtimedop"))(id, ops, n,
                                                                                                          timeout);
}

// A shim defines sem_shim(id, ops, n, timeout); both entry points go through it.
static int sem_shim(int id, struct sembuf* ops, size_t n, const struct timespec* timeout);
int semop(int id, struct sembuf* ops, size_t n) { return sem_shim(id, ops, n, NULL); }
int semtimedop(int id, struct sembuf* ops, size_t n, const struct timespec* timeout) {
    return sem_shim(id, ops, n, timeout);
}
