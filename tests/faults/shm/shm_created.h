// For shims that act on the segments a process created: shmget() is
// interposed to remember every id created with IPC_CREAT (the first 64).
#pragma once
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
