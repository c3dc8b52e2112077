// Fault: memfd_create cuts a name longer than 249 bytes to 249 instead of
// refusing it with EINVAL (as a library copying names into a fixed buffer
// would).
#include "pshm_real.h"

int memfd_create(const char* name, unsigned flags) {
    int fd = real_memfd_create(name, flags);
    if (fd >= 0 || errno != EINVAL || (flags & ~(unsigned)(MFD_CLOEXEC | MFD_ALLOW_SEALING))) return fd;
    // Refused with valid flags: the name was too long (the kernel read it, so it is readable).
    char cut[250];
    memcpy(cut, name, 249);
    cut[249] = '\0';
    return real_memfd_create(cut, flags);
}
