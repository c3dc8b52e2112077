// Fault: rt_sigtimedwait() takes an invalid timeout for a zero one: EAGAIN
// (or the signal) instead of EINVAL.
#include <time.h>
#include "syscall_shim.h"

static long shim_syscall(long nr, long a, long b, long c, long d, long e, long f) {
    if (nr == SYS_rt_sigtimedwait && c > 4096) {
        const struct timespec* t = (const struct timespec*)c;
        if (t->tv_sec < 0 || t->tv_nsec < 0 || t->tv_nsec >= 1000000000L) {
            static const struct timespec zero = {0, 0};
            return real_syscall(nr, a, b, (long)&zero, d, e, f);
        }
    }
    return real_syscall(nr, a, b, c, d, e, f);
}
