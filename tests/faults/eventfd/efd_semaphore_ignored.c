// Fault: eventfd ignores EFD_SEMAPHORE, so that a read takes the whole counter.
#include "efd_real.h"

int eventfd(unsigned initval, int flags) { return real_eventfd(initval, flags & ~EFD_SEMAPHORE); }
