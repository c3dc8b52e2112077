// Fault: msgctl takes a command it does not know as a no-op that succeeds,
// instead of failing with EINVAL.
#include "msg_real.h"

int msgctl(int qid, int cmd, struct msqid_ds* buf) {
    if (cmd < 0 || cmd > MSG_STAT_ANY) return 0;
    return real_msgctl(qid, cmd, buf);
}
