// Fault: msgrcv behaves like a byte stream: after one message it appends the
// texts of the following ones, as long as they fit in the buffer.
#include "msg_real.h"
#include <stdlib.h>
#include <string.h>

ssize_t msgrcv(int qid, void* buf, size_t size, long type, int flags) {
    ssize_t n = real_msgrcv(qid, buf, size, type, flags);
    if (n < 0 || (flags & MSG_COPY)) return n;
    char* more = malloc(sizeof(long) + size);
    if (!more) return n;
    while ((size_t)n < size) {
        ssize_t m = real_msgrcv(qid, more, size - (size_t)n, type, flags | IPC_NOWAIT);
        if (m < 0) break;
        memcpy((char*)buf + sizeof(long) + n, more + sizeof(long), (size_t)m);
        n += m;
    }
    free(more);
    return n;
}
