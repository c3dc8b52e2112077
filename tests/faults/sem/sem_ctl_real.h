// For shims that change semctl(2): the real semctl (the next definition after
// the shim's own) and the fourth argument as one union, as glibc reads it.
#pragma once
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdarg.h>
#include <sys/sem.h>

union sem_ctl_arg {
    int val;
    struct semid_ds* buf;
    unsigned short* array;
    struct seminfo* info;
};

static inline int real_semctl(int id, int num, int cmd, union sem_ctl_arg arg) {
    return ((int (*)(int, int, int, ...))dlsym(RTLD_NEXT, "semctl"))(id, num, cmd, arg);
}

// A shim defines semctl_shim(id, num, cmd, arg); semctl goes through it.
static int semctl_shim(int id, int num, int cmd, union sem_ctl_arg arg);
int semctl(int id, int num, int cmd, ...) {
    va_list ap;
    va_start(ap, cmd);
    union sem_ctl_arg arg = va_arg(ap, union sem_ctl_arg);
    va_end(ap);
    return semctl_shim(id, num, cmd, arg);
}
