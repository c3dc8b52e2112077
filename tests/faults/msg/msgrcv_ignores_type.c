// Fault: msgrcv ignores a positive msgtyp and returns the oldest message.
#include "msg_real.h"

ssize_t msgrcv(int qid, void* buf, size_t size, long type, int flags) {
    return real_msgrcv(qid, buf, size, type > 0 ? 0 : type, flags);
}
