// Fault: a SHM_RDONLY attachment is a read-write one made read-only with
// mprotect, so mprotect can make it writable again (as an emulation that
// maps every attachment writable and only protects it might).
#include <sys/mman.h>

#include "shm_real.h"

void* shmat(int id, const void* addr, int flags) {
    if (!(flags & SHM_RDONLY)) return real_shmat(id, addr, flags);
    void* at = real_shmat(id, addr, flags & ~SHM_RDONLY);
    size_t length = shm_segment_length(id);
    if (at != (void*)-1 && length) mprotect(at, length, PROT_READ);
    return at;
}
