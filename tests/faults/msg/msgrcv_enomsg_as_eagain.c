// Fault: msgrcv with IPC_NOWAIT and nothing to take reports EAGAIN (as a
// read(2) on a non-blocking descriptor would) instead of ENOMSG.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <sys/msg.h>

ssize_t msgrcv(int qid, void* buf, size_t size, long type, int flags) {
    ssize_t (*real)(int, void*, size_t, long, int) =
        (ssize_t (*)(int, void*, size_t, long, int))dlsym(RTLD_NEXT, "msgrcv");
    ssize_t n = real(qid, buf, size, type, flags);
    if (n < 0 && errno == ENOMSG) errno = EAGAIN;
    return n;
}
