// Fault: msgrcv's msgtyp is cut to 32 bits on its way to the kernel, as a
// compatibility layer that passes it as an int might: -2^33 becomes 0 (the
// oldest message of any type), -LONG_MAX becomes 1.
#include "msg_real.h"

ssize_t msgrcv(int qid, void* buf, size_t size, long type, int flags) {
    return real_msgrcv(qid, buf, size, (long)(int)type, flags);
}
