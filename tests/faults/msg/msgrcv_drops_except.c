// Fault: MSG_EXCEPT is ignored, so msgtyp > 0 takes that very type.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <sys/msg.h>

ssize_t msgrcv(int qid, void* buf, size_t size, long type, int flags) {
    ssize_t (*real)(int, void*, size_t, long, int) =
        (ssize_t (*)(int, void*, size_t, long, int))dlsym(RTLD_NEXT, "msgrcv");
    return real(qid, buf, size, type, flags & ~MSG_EXCEPT);
}
