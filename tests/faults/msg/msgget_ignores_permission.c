// Fault: msgget of an existing key never checks the access asked for against
// the queue's mode: a refused open is retried asking for nothing, which opens.
#include "msg_real.h"

int msgget(key_t key, int flags) {
    int id = real_msgget(key, flags);
    if (id < 0 && errno == EACCES) id = real_msgget(key, flags & ~0777);
    return id;
}
