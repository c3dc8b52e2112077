// Fault: a message one byte longer than msgsz is returned cut to msgsz
// without MSG_NOERROR, instead of failing with E2BIG (an off-by-one in the
// length check). Longer messages still fail.
#include <stdlib.h>
#include <string.h>

#include "msg_real.h"

ssize_t msgrcv(int qid, void* buf, size_t size, long type, int flags) {
    if ((flags & MSG_NOERROR) || (flags & MSG_COPY)) return real_msgrcv(qid, buf, size, type, flags);
    // Received into a buffer one byte larger, so that the one byte over fits.
    char* larger = malloc(sizeof(long) + size + 1);
    if (!larger) return real_msgrcv(qid, buf, size, type, flags);
    ssize_t n = real_msgrcv(qid, larger, size + 1, type, flags);
    if (n >= 0) {
        if ((size_t)n > size) n = (ssize_t)size;
        memcpy(buf, larger, sizeof(long) + (size_t)n);
    }
    free(larger);
    return n;
}
