// Fault: msgrcv with msgtyp 0 picks the lowest type first instead of the
// oldest message.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <limits.h>
#include <sys/msg.h>

ssize_t msgrcv(int qid, void* buf, size_t size, long type, int flags) {
    ssize_t (*real)(int, void*, size_t, long, int) =
        (ssize_t (*)(int, void*, size_t, long, int))dlsym(RTLD_NEXT, "msgrcv");
    return real(qid, buf, size, type == 0 ? -LONG_MAX : type, flags);
}
