// Fault: MAP_SHARED mappings of a file are made MAP_PRIVATE, so what one
// process writes through its mapping never reaches another's (nor the file).
#include "pshm_real.h"

void* mmap(void* addr, size_t length, int prot, int flags, int fd, off_t offset) {
    if (fd >= 0 && (flags & MAP_SHARED)) flags = (flags & ~MAP_SHARED) | MAP_PRIVATE;
    return PSHM_REAL("mmap", void* (*)(void*, size_t, int, int, int, off_t))(addr, length, prot, flags, fd, offset);
}
void* mmap64(void* addr, size_t length, int prot, int flags, int fd, off_t offset) {
    return mmap(addr, length, prot, flags, fd, offset);
}
