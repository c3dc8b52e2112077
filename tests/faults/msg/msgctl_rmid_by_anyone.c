// Fault: IPC_SET and IPC_RMID check the permission bits instead of ownership:
// a request the kernel refused with EPERM is reported done whenever the
// queue's mode lets others write to it.
#include "msg_real.h"

int msgctl(int qid, int cmd, struct msqid_ds* buf) {
    int rc = real_msgctl(qid, cmd, buf);
    if (rc < 0 && errno == EPERM && (cmd == IPC_RMID || cmd == IPC_SET)) {
        struct msqid_ds ds;
        if (real_msgctl(qid, IPC_STAT, &ds) == 0 && (ds.msg_perm.mode & 0002)) return 0;
    }
    return rc;
}
