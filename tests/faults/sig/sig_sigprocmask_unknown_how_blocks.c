// Fault: rt_sigprocmask() takes an unknown `how` for SIG_BLOCK instead of
// failing with EINVAL.
#include <signal.h>
#include "syscall_shim.h"

static long shim_syscall(long nr, long a, long b, long c, long d, long e, long f) {
    if (nr == SYS_rt_sigprocmask && a != SIG_BLOCK && a != SIG_UNBLOCK && a != SIG_SETMASK)
        return real_syscall(nr, SIG_BLOCK, b, c, d, e, f);
    return real_syscall(nr, a, b, c, d, e, f);
}
