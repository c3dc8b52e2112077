// Fault: a message longer than a page is queued as two messages of the same
// type (the first page, then the rest), as a layer with page-sized message
// buffers might.
#include <unistd.h>

#include "msg_real.h"

int msgsnd(int qid, const void* buf, size_t size, int flags) {
    const size_t page = (size_t)sysconf(_SC_PAGESIZE);
    if (size <= page) return real_msgsnd(qid, buf, size, flags);
    const long type = *(const long*)buf;
    const char* text = (const char*)buf + sizeof(long);
    char part[sizeof(long) + 65536];
    if (size - page > 65536) return real_msgsnd(qid, buf, size, flags);
    if (real_msgsnd(qid, buf, page, flags) != 0) return -1;
    *(long*)part = type;
    for (size_t i = 0; i < size - page; ++i) part[sizeof(long) + i] = text[page + i];
    return real_msgsnd(qid, part, size - page, flags);
}
