// Fault: an attachment is one page longer than the rounded size: the page
// after it is mapped readable and writable (an off-by-one page count in a
// layer that emulates shmat), so touching it does not fault.
#define _GNU_SOURCE
#include <sys/mman.h>

#include "shm_real.h"

void* shmat(int id, const void* addr, int flags) {
    char* at = real_shmat(id, addr, flags);
    size_t length = shm_segment_length(id);
    if (at != (void*)-1 && length > 0)
        mmap(at + length, (size_t)sysconf(_SC_PAGESIZE), PROT_READ | PROT_WRITE,
             MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    return at;
}
