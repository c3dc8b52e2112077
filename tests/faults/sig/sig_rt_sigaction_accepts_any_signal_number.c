// Fault: rt_sigaction() answers 0 for signal numbers above 64 (as if the
// range were wider), doing nothing.
#include "syscall_shim.h"

static long shim_syscall(long nr, long a, long b, long c, long d, long e, long f) {
    if (nr == SYS_rt_sigaction && (int)a > 64) return 0;
    return real_syscall(nr, a, b, c, d, e, f);
}
