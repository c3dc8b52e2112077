// Fault: msgrcv is restarted after a signal handler, as read(2) is under
// SA_RESTART, so a caught signal never ends the wait with EINTR.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <sys/msg.h>

ssize_t msgrcv(int qid, void* buf, size_t size, long type, int flags) {
    ssize_t (*real)(int, void*, size_t, long, int) =
        (ssize_t (*)(int, void*, size_t, long, int))dlsym(RTLD_NEXT, "msgrcv");
    ssize_t n;
    do n = real(qid, buf, size, type, flags);
    while (n < 0 && errno == EINTR);
    return n;
}
