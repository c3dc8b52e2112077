// Fault: MSG_COPY is ignored, so "copy the message at index N" dequeues a
// message of type N instead of leaving the queue as it was.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <sys/msg.h>

ssize_t msgrcv(int qid, void* buf, size_t size, long type, int flags) {
    ssize_t (*real)(int, void*, size_t, long, int) =
        (ssize_t (*)(int, void*, size_t, long, int))dlsym(RTLD_NEXT, "msgrcv");
    return real(qid, buf, size, type, flags & ~040000 /* MSG_COPY */);
}
