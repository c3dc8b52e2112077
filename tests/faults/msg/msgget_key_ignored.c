// Fault: msgget with IPC_CREAT always makes a new private queue, ignoring the
// key, so two processes that agree on a key never meet.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <sys/ipc.h>
#include <sys/msg.h>

int msgget(key_t key, int flags) {
    int (*real)(key_t, int) = (int (*)(key_t, int))dlsym(RTLD_NEXT, "msgget");
    return real((flags & IPC_CREAT) ? IPC_PRIVATE : key, flags);
}
