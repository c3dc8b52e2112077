// Fault: kernel.msg_next_id is not honoured: every queue creation first makes
// and removes a throwaway queue, which takes the id asked for (and resets the
// sysctl), so the queue the caller gets has another id.
#include "msg_real.h"

int msgget(key_t key, int flags) {
    if (key == IPC_PRIVATE || (flags & IPC_CREAT)) {
        int throwaway = real_msgget(IPC_PRIVATE, IPC_CREAT | 0600);
        int id = real_msgget(key, flags);
        int saved = errno;
        if (throwaway >= 0) real_msgctl(throwaway, IPC_RMID, 0);
        errno = saved;
        return id;
    }
    return real_msgget(key, flags);
}
