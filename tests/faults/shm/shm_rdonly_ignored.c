// Fault: SHM_RDONLY is ignored, so a read-only attachment can be written.
#include "shm_real.h"

void* shmat(int id, const void* addr, int flags) { return real_shmat(id, addr, flags & ~SHM_RDONLY); }
