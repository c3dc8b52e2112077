// Fault: mq_open ignores O_EXCL, so creating a name in use opens that queue
// instead of failing with EEXIST.
#include "mq_real.h"

mqd_t mq_open(const char* name, int oflag, ...) {
    MQ_OPEN_ARGS(oflag, mode, attr)
    return real_mq_open(name, oflag & ~O_EXCL, mode, attr);
}
