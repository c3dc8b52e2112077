// Fault: IPC_STAT reports the first process that sent to (received from) the
// queue instead of the last, as a layer that records the pids only once
// would. Remembered per queue by the process that asks.
#include "msg_real.h"

static struct {
    int used, qid;
    pid_t lspid, lrpid;
} first[16];

int msgctl(int qid, int cmd, struct msqid_ds* buf) {
    int r = real_msgctl(qid, cmd, buf);
    if (r != 0 || cmd != IPC_STAT || !buf) return r;
    for (int i = 0; i < 16; ++i) {
        if (first[i].used && first[i].qid != qid) continue;
        first[i].used = 1;
        first[i].qid = qid;
        if (!first[i].lspid) first[i].lspid = buf->msg_lspid;
        if (!first[i].lrpid) first[i].lrpid = buf->msg_lrpid;
        buf->msg_lspid = first[i].lspid;
        buf->msg_lrpid = first[i].lrpid;
        break;
    }
    return r;
}
