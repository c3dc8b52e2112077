// Fault: only the first page of an attachment is shared; the pages after it
// are private copies taken at shmat (as a layer that maps a segment's first
// page and copies the rest might give). Segments of one page are untouched.
#include "shm_real.h"

#include <string.h>
#include <sys/mman.h>

void* shmat(int id, const void* addr, int flags) {
    void* shared = real_shmat(id, addr, flags);
    if (shared == (void*)-1) return shared;
    const size_t page = (size_t)sysconf(_SC_PAGESIZE), length = shm_segment_length(id);
    if (length <= page) return shared;
    char* rest = (char*)shared + page;
    void* saved = mmap(NULL, length - page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (saved == MAP_FAILED) return shared;
    memcpy(saved, rest, length - page);
    // The rest becomes a private mapping at the same address, with the same contents.
    if (mmap(rest, length - page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) != MAP_FAILED)
        memcpy(rest, saved, length - page);
    munmap(saved, length - page);
    return shared;
}
