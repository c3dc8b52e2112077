// Fault: msgrcv with msgtyp 0 picks the lowest type first instead of the
// oldest message.
#include "msg_real.h"
#include <limits.h>

ssize_t msgrcv(int qid, void* buf, size_t size, long type, int flags) {
    return real_msgrcv(qid, buf, size, type == 0 ? -LONG_MAX : type, flags);
}
