// Fault: msgsnd never waits for room, as if IPC_NOWAIT were always given:
// EAGAIN on a full queue instead of sleeping.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <sys/ipc.h>
#include <sys/msg.h>

int msgsnd(int qid, const void* buf, size_t size, int flags) {
    int (*real)(int, const void*, size_t, int) = (int (*)(int, const void*, size_t, int))dlsym(RTLD_NEXT, "msgsnd");
    return real(qid, buf, size, flags | IPC_NOWAIT);
}
