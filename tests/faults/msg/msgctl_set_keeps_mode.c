// Fault: IPC_SET applies msg_qbytes, uid and gid but keeps the queue's old
// mode, as an emulation that ignores msg_perm.mode would.
#include "msg_real.h"

int msgctl(int qid, int cmd, struct msqid_ds* buf) {
    if (cmd == IPC_SET && buf) {
        struct msqid_ds now;
        if (real_msgctl(qid, IPC_STAT, &now) == 0) {
            struct msqid_ds ds = *buf;
            ds.msg_perm.mode = now.msg_perm.mode;
            return real_msgctl(qid, IPC_SET, &ds);
        }
    }
    return real_msgctl(qid, cmd, buf);
}
