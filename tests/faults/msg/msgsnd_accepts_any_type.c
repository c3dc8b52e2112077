// Fault: msgsnd accepts a message type below 1, queueing it as type 1.
#include "msg_real.h"
#include <stdlib.h>
#include <string.h>

int msgsnd(int qid, const void* buf, size_t size, int flags) {
    long type;
    memcpy(&type, buf, sizeof type);
    if (type >= 1) return real_msgsnd(qid, buf, size, flags);
    char* copy = malloc(sizeof type + size);
    if (!copy) return real_msgsnd(qid, buf, size, flags);
    type = 1;
    memcpy(copy, &type, sizeof type);
    memcpy(copy + sizeof type, (const char*)buf + sizeof type, size);
    int r = real_msgsnd(qid, copy, size, flags);
    free(copy);
    return r;
}
