// Fault: an attachment is a private copy of the segment (as an emulation that
// copies on attach might give): the contents at shmat time, then nothing
// written by one process reaches another.
#include "shm_real.h"

#include <string.h>
#include <sys/mman.h>

void* shmat(int id, const void* addr, int flags) {
    void* shared = real_shmat(id, addr, flags);
    if (shared == (void*)-1) return shared;
    size_t length = shm_segment_length(id);
    void* copy = mmap(NULL, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (copy == MAP_FAILED) return shared;
    memcpy(copy, shared, length);
    real_shmdt(shared);
    if (flags & SHM_RDONLY) mprotect(copy, length, PROT_READ);
    shm_remember(copy, id, length);
    return copy;
}

int shmdt(const void* addr) {
    struct shm_attachment a = shm_forget(addr);
    if (!a.address) return real_shmdt(addr);
    return munmap((void*)a.address, a.length);
}
