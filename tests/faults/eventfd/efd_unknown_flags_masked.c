// Fault: eventfd drops flag bits it does not know instead of failing with EINVAL.
#include "efd_real.h"

int eventfd(unsigned initval, int flags) {
    return real_eventfd(initval, flags & (EFD_CLOEXEC | EFD_NONBLOCK | EFD_SEMAPHORE));
}
