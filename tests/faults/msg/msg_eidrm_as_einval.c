// Fault: a sleeper on a queue that is removed is told EINVAL (as for an id
// that never existed) instead of EIDRM.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <sys/msg.h>

ssize_t msgrcv(int qid, void* buf, size_t size, long type, int flags) {
    ssize_t (*real)(int, void*, size_t, long, int) =
        (ssize_t (*)(int, void*, size_t, long, int))dlsym(RTLD_NEXT, "msgrcv");
    ssize_t n = real(qid, buf, size, type, flags);
    if (n < 0 && errno == EIDRM) errno = EINVAL;
    return n;
}

int msgsnd(int qid, const void* buf, size_t size, int flags) {
    int (*real)(int, const void*, size_t, int) = (int (*)(int, const void*, size_t, int))dlsym(RTLD_NEXT, "msgsnd");
    int r = real(qid, buf, size, flags);
    if (r < 0 && errno == EIDRM) errno = EINVAL;
    return r;
}
