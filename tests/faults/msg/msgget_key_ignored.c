// Fault: msgget with IPC_CREAT always makes a new private queue, ignoring the
// key, so two processes that agree on a key never meet.
#include "msg_real.h"

int msgget(key_t key, int flags) { return real_msgget((flags & IPC_CREAT) ? IPC_PRIVATE : key, flags); }
