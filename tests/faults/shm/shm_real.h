// What the shared-memory fault shims build on: the real System V calls (the
// next definition after the shim's own) and a small table of the attachments
// a shim hands out, by address, with the segment id and length behind each.
#pragma once
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/ipc.h>
#include <sys/shm.h>
#include <unistd.h>

#define SHM_REAL(name, type) ((type)dlsym(RTLD_NEXT, name))

static inline int real_shmget(key_t key, size_t size, int flags) {
    return SHM_REAL("shmget", int (*)(key_t, size_t, int))(key, size, flags);
}
static inline void* real_shmat(int id, const void* addr, int flags) {
    return SHM_REAL("shmat", void* (*)(int, const void*, int))(id, addr, flags);
}
static inline int real_shmdt(const void* addr) { return SHM_REAL("shmdt", int (*)(const void*))(addr); }
static inline int real_shmctl(int id, int cmd, struct shmid_ds* ds) {
    return SHM_REAL("shmctl", int (*)(int, int, struct shmid_ds*))(id, cmd, ds);
}

struct shm_attachment {
    const void* address;  // what the shim returned
    int id;
    size_t length;
};
static struct shm_attachment shm_attachments[64];

static inline void shm_remember(const void* address, int id, size_t length) {
    for (int i = 0; i < 64; ++i)
        if (!shm_attachments[i].address) {
            shm_attachments[i] = (struct shm_attachment){address, id, length};
            return;
        }
}

// The attachment handed out at address (forgotten), or one with a NULL address.
static inline struct shm_attachment shm_forget(const void* address) {
    for (int i = 0; i < 64; ++i)
        if (shm_attachments[i].address == address) {
            struct shm_attachment found = shm_attachments[i];
            shm_attachments[i].address = NULL;
            return found;
        }
    return (struct shm_attachment){NULL, -1, 0};
}

// shmat, remembering the attachment it made.
static inline void* shm_attach_remembered(int id, const void* addr, int flags) {
    void* at = real_shmat(id, addr, flags);
    if (at != (void*)-1) shm_remember(at, id, 0);
    return at;
}

static inline size_t shm_segment_length(int id) {
    struct shmid_ds ds;
    if (real_shmctl(id, IPC_STAT, &ds) != 0) return 0;
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    return (ds.shm_segsz + page - 1) / page * page;
}
