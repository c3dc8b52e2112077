// Fault: IPC_SET reports success but changes nothing, so msg_qbytes can be
// neither lowered nor refused.
#include "msg_real.h"

int msgctl(int qid, int cmd, struct msqid_ds* buf) {
    if (cmd == IPC_SET) return 0;
    return real_msgctl(qid, cmd, buf);
}
