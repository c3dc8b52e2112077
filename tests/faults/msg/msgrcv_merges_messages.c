// Fault: msgrcv behaves like a byte stream: after one message it appends the
// texts of the following ones, as long as they fit in the buffer.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/msg.h>

ssize_t msgrcv(int qid, void* buf, size_t size, long type, int flags) {
    ssize_t (*real)(int, void*, size_t, long, int) =
        (ssize_t (*)(int, void*, size_t, long, int))dlsym(RTLD_NEXT, "msgrcv");
    ssize_t n = real(qid, buf, size, type, flags);
    if (n < 0 || (flags & 040000 /* MSG_COPY */)) return n;
    char* more = malloc(sizeof(long) + size);
    if (!more) return n;
    while ((size_t)n < size) {
        ssize_t m = real(qid, more, size - (size_t)n, type, flags | IPC_NOWAIT);
        if (m < 0) break;
        memcpy((char*)buf + sizeof(long) + n, more + sizeof(long), (size_t)m);
        n += m;
    }
    free(more);
    return n;
}
