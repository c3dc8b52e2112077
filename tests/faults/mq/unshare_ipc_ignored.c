// Fault: unshare(CLONE_NEWIPC) succeeds but leaves the caller in its IPC
// namespace, so queues stay visible by name.
#include "mq_real.h"
#include <sched.h>

int unshare(int flags) {
    int rest = flags & ~CLONE_NEWIPC;
    if (rest == 0) return 0;
    return ((int (*)(int))dlsym(RTLD_NEXT, "unshare"))(rest);
}
