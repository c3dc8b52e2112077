// Fault: MSG_COPY is not validated: MSG_EXCEPT beside it is dropped (no
// EINVAL), and a copy is truncated like a receive under MSG_NOERROR.
#include "msg_real.h"

#include <stdlib.h>
#include <string.h>

ssize_t msgrcv(int qid, void* buf, size_t size, long type, int flags) {
    if (!(flags & MSG_COPY)) return real_msgrcv(qid, buf, size, type, flags);
    flags &= ~MSG_EXCEPT;
    if (!(flags & MSG_NOERROR)) return real_msgrcv(qid, buf, size, type, flags);
    size_t big = 1 << 20;
    char* whole = malloc(sizeof(long) + big);
    if (!whole) return real_msgrcv(qid, buf, size, type, flags);
    ssize_t n = real_msgrcv(qid, whole, big, type, flags & ~MSG_NOERROR);
    if (n >= 0) {
        if ((size_t)n > size) n = (ssize_t)size;
        memcpy(buf, whole, sizeof(long) + (size_t)n);
    }
    free(whole);
    return n;
}
