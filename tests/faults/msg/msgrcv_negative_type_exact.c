// Fault: a negative msgtyp selects exactly the type |msgtyp|, not the lowest
// type up to it.
#include "msg_real.h"

ssize_t msgrcv(int qid, void* buf, size_t size, long type, int flags) {
    return real_msgrcv(qid, buf, size, type < 0 ? -type : type, flags);
}
