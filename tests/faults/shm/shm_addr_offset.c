// Fault: shmat(NULL) returns an address 16 bytes into the mapping, not a
// page-aligned one (shmdt takes it back).
#include "shm_real.h"

void* shmat(int id, const void* addr, int flags) {
    char* at = real_shmat(id, addr, flags);
    if (at == (void*)-1 || addr) return at;
    shm_remember(at + 16, id, 0);
    return at + 16;
}

int shmdt(const void* addr) {
    struct shm_attachment a = shm_forget(addr);
    return real_shmdt(a.address ? (const char*)addr - 16 : addr);
}
