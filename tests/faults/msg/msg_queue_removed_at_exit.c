// Fault: a queue lives only as long as the process that created it (as a
// sandbox that cleans up after each program might do): queues made with
// IPC_CREAT are removed when the process exits.
#include "msg_real.h"

static int created[64];
static int ncreated;

int msgget(key_t key, int flags) {
    int before = (flags & IPC_CREAT) && key != IPC_PRIVATE ? real_msgget(key, 0) : -1;
    int id = real_msgget(key, flags);
    if (id >= 0 && (flags & IPC_CREAT) && before < 0 && ncreated < 64) created[ncreated++] = id;
    return id;
}

__attribute__((destructor)) static void remove_created(void) {
    for (int i = 0; i < ncreated; ++i) msgctl(created[i], IPC_RMID, 0);
}
