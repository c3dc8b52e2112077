// Fault: msgrcv with MSG_NOERROR returns msgsz bytes but writes the whole
// message into the caller's buffer, past msgsz (the cut-off part lands where
// the caller did not ask for it).
#include "msg_real.h"

#include <stdlib.h>
#include <string.h>

ssize_t msgrcv(int qid, void* buf, size_t size, long type, int flags) {
    if (!(flags & MSG_NOERROR) || (flags & MSG_COPY)) return real_msgrcv(qid, buf, size, type, flags);
    size_t big = size + 64;
    char* whole = malloc(sizeof(long) + big);
    if (!whole) return real_msgrcv(qid, buf, size, type, flags);
    ssize_t n = real_msgrcv(qid, whole, big, type, flags);
    if (n >= 0) {
        size_t written = (size_t)n < size + 8 ? (size_t)n : size + 8;  // at most 8 bytes past msgsz
        memcpy(buf, whole, sizeof(long) + written);
        if ((size_t)n > size) n = (ssize_t)size;
    }
    free(whole);
    return n;
}
