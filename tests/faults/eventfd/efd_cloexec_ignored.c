// Fault: eventfd ignores EFD_CLOEXEC.
#include "efd_real.h"

int eventfd(unsigned initval, int flags) { return real_eventfd(initval, flags & ~EFD_CLOEXEC); }
