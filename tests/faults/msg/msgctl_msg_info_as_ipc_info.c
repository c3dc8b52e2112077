// Fault: MSG_INFO is answered as IPC_INFO: msgpool, msgmap and msgtql give the
// compiled-in limits instead of the queues, messages and bytes in use.
#include "msg_real.h"

int msgctl(int qid, int cmd, struct msqid_ds* buf) {
    if (cmd == MSG_INFO) cmd = IPC_INFO;
    return real_msgctl(qid, cmd, buf);
}
