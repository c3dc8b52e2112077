// Fault: a queue lives only as long as the process that created it (as a
// sandbox that cleans up after each program might do): queues made with
// IPC_CREAT are removed when the process exits.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <sys/ipc.h>
#include <sys/msg.h>

static int created[64];
static int ncreated;

int msgget(key_t key, int flags) {
    int (*real)(key_t, int) = (int (*)(key_t, int))dlsym(RTLD_NEXT, "msgget");
    int before = (flags & IPC_CREAT) && key != IPC_PRIVATE ? real(key, 0) : -1;
    int id = real(key, flags);
    if (id >= 0 && (flags & IPC_CREAT) && before < 0 && ncreated < 64) created[ncreated++] = id;
    return id;
}

__attribute__((destructor)) static void remove_created(void) {
    for (int i = 0; i < ncreated; ++i) msgctl(created[i], IPC_RMID, 0);
}
