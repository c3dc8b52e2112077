// Fault: mq_open with attr NULL makes the queue with fixed defaults (10
// messages of 8192 bytes) instead of fs.mqueue.msg_default and msgsize_default.
#include "mq_real.h"

mqd_t mq_open(const char* name, int oflag, ...) {
    MQ_OPEN_ARGS(oflag, mode, attr)
    struct mq_attr fixed = {0};
    fixed.mq_maxmsg = 10;
    fixed.mq_msgsize = 8192;
    return real_mq_open(name, oflag, mode, attr ? attr : &fixed);
}
