// Fault: shm_open ignores O_EXCL, so O_CREAT|O_EXCL on an existing name opens
// it instead of failing with EEXIST.
#include "pshm_real.h"

int shm_open(const char* name, int flags, mode_t mode) { return real_shm_open(name, flags & ~O_EXCL, mode); }
