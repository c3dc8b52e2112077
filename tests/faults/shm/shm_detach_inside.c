// Fault: shmdt of any address inside an attachment detaches that attachment,
// instead of failing with EINVAL unless the address is the attachment's start.
#include "shm_real.h"

void* shmat(int id, const void* addr, int flags) {
    void* at = real_shmat(id, addr, flags);
    if (at != (void*)-1) shm_remember(at, id, shm_segment_length(id));
    return at;
}

int shmdt(const void* addr) {
    for (int i = 0; i < 64; ++i) {
        struct shm_attachment a = shm_attachments[i];
        const char* start = (const char*)a.address;
        if (start && (const char*)addr >= start && (const char*)addr < start + a.length) {
            shm_attachments[i].address = NULL;
            return real_shmdt(start);
        }
    }
    return real_shmdt(addr);
}
