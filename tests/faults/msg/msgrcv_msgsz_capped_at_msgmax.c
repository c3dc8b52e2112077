// Fault: msgrcv refuses a msgsz above kernel.msgmax with EINVAL, as msgsnd
// does, although a receive buffer may be of any size.
#include "msg_real.h"

#include <stdio.h>

ssize_t msgrcv(int qid, void* buf, size_t size, long type, int flags) {
    long msgmax = 8192;
    FILE* f = fopen("/proc/sys/kernel/msgmax", "r");
    if (f) {
        if (fscanf(f, "%ld", &msgmax) != 1) msgmax = 8192;
        fclose(f);
    }
    if ((long)size > msgmax) {
        errno = EINVAL;
        return -1;
    }
    return real_msgrcv(qid, buf, size, type, flags);
}
