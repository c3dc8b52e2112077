// Fault: MSG_STAT_ANY checks read permission as MSG_STAT does (EACCES), as if
// it were MSG_STAT under another number.
#include "msg_real.h"

int msgctl(int qid, int cmd, struct msqid_ds* buf) {
    if (cmd == MSG_STAT_ANY) {
        int rc = real_msgctl(qid, MSG_STAT, buf);
        return rc;
    }
    return real_msgctl(qid, cmd, buf);
}
