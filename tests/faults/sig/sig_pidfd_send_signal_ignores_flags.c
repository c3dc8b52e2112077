// Fault: pidfd_send_signal() ignores its flags instead of refusing unknown
// ones with EINVAL.
#include "syscall_shim.h"

static long shim_syscall(long nr, long a, long b, long c, long d, long e, long f) {
    if (nr == SYS_pidfd_send_signal) return real_syscall(nr, a, b, c, 0, e, f);
    return real_syscall(nr, a, b, c, d, e, f);
}
