// Fault: IPC_STAT reports msg_perm without the key (as for IPC_PRIVATE) and
// msg_stime as the creation time, as an emulation that keeps neither would.
#include "msg_real.h"

int msgctl(int qid, int cmd, struct msqid_ds* buf) {
    int rc = real_msgctl(qid, cmd, buf);
    if (rc == 0 && cmd == IPC_STAT) {
        buf->msg_perm.__key = 0;
        if (buf->msg_stime) buf->msg_stime = buf->msg_ctime - 1;
    }
    return rc;
}
