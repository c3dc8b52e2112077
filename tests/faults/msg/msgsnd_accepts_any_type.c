// Fault: msgsnd accepts a message type below 1, queueing it as type 1.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/msg.h>

int msgsnd(int qid, const void* buf, size_t size, int flags) {
    int (*real)(int, const void*, size_t, int) = (int (*)(int, const void*, size_t, int))dlsym(RTLD_NEXT, "msgsnd");
    long type;
    memcpy(&type, buf, sizeof type);
    if (type >= 1) return real(qid, buf, size, flags);
    char* copy = malloc(sizeof type + size);
    if (!copy) return real(qid, buf, size, flags);
    type = 1;
    memcpy(copy, &type, sizeof type);
    memcpy(copy + sizeof type, (const char*)buf + sizeof type, size);
    int r = real(qid, copy, size, flags);
    free(copy);
    return r;
}
