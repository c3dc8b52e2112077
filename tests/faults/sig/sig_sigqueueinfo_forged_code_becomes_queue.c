// Fault: rt_sigqueueinfo() turns a forged si_code (>= 0, SI_TKILL) into
// SI_QUEUE instead of refusing it with EPERM.
#include <signal.h>
#include "syscall_shim.h"

static long shim_syscall(long nr, long a, long b, long c, long d, long e, long f) {
    if (nr == SYS_rt_sigqueueinfo && c) {
        siginfo_t copy = *(const siginfo_t*)c;
        if (copy.si_code >= 0 || copy.si_code == SI_TKILL) copy.si_code = SI_QUEUE;
        return real_syscall(nr, a, b, (long)&copy, d, e, f);
    }
    return real_syscall(nr, a, b, c, d, e, f);
}
