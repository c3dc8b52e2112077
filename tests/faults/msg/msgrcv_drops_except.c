// Fault: MSG_EXCEPT is ignored, so msgtyp > 0 takes that very type.
#include "msg_real.h"

ssize_t msgrcv(int qid, void* buf, size_t size, long type, int flags) {
    return real_msgrcv(qid, buf, size, type, flags & ~MSG_EXCEPT);
}
