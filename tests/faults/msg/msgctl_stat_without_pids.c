// Fault: IPC_STAT leaves the last sender and receiver pids at 0, as an
// emulation layer that does not track them would.
#include "msg_real.h"

int msgctl(int qid, int cmd, struct msqid_ds* buf) {
    int r = real_msgctl(qid, cmd, buf);
    if (r == 0 && cmd == IPC_STAT && buf) buf->msg_lspid = buf->msg_lrpid = 0;
    return r;
}
