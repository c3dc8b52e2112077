// Fault: rt_sigprocmask(SIG_BLOCK) replaces the mask (as SIG_SETMASK would)
// instead of adding to it.
#include <signal.h>
#include "syscall_shim.h"

static long shim_syscall(long nr, long a, long b, long c, long d, long e, long f) {
    if (nr == SYS_rt_sigprocmask && a == SIG_BLOCK && b) return real_syscall(nr, SIG_SETMASK, b, c, d, e, f);
    return real_syscall(nr, a, b, c, d, e, f);
}
