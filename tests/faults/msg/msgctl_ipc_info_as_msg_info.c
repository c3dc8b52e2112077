// Fault: IPC_INFO is answered as MSG_INFO: msgpool, msgmap and msgtql give the
// queues, messages and bytes in use instead of the compiled-in MSGPOOL,
// MSGMAP and MSGTQL (msgmax, msgmnb and msgmni stay right).
#include "msg_real.h"

int msgctl(int qid, int cmd, struct msqid_ds* buf) {
    if (cmd == IPC_INFO) cmd = MSG_INFO;
    return real_msgctl(qid, cmd, buf);
}
