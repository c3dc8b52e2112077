// Fault: msgget(IPC_PRIVATE) hands out the queue it made last time, while it
// exists, instead of a new one.
#include "msg_real.h"

int msgget(key_t key, int flags) {
    static int last = -1;
    if (key != IPC_PRIVATE) return real_msgget(key, flags);
    struct msqid_ds ds;
    if (last >= 0 && real_msgctl(last, IPC_STAT, &ds) == 0) return last;
    last = real_msgget(key, flags);
    return last;
}
