// Fault: msgget past kernel.msgmni queues fails with ENOMEM instead of ENOSPC,
// as a layer that reports every allocation failure alike.
#include "msg_real.h"

int msgget(key_t key, int flags) {
    int id = real_msgget(key, flags);
    if (id < 0 && errno == ENOSPC) errno = ENOMEM;
    return id;
}
