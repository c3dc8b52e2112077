// Fault: msgsnd accepts a message longer than kernel.msgmax by cutting it to
// msgmax bytes instead of refusing it with EINVAL.
#include "msg_real.h"
#include <stdio.h>

int msgsnd(int qid, const void* buf, size_t size, int flags) {
    long msgmax = -1;
    FILE* f = fopen("/proc/sys/kernel/msgmax", "r");
    if (f) {
        if (fscanf(f, "%ld", &msgmax) != 1) msgmax = -1;
        fclose(f);
    }
    if (msgmax > 0 && size > (size_t)msgmax) size = (size_t)msgmax;
    return real_msgsnd(qid, buf, size, flags);
}
