// Fault: mq_open past fs.mqueue.queues_max fails with EMFILE instead of ENOSPC.
#include "mq_real.h"

mqd_t mq_open(const char* name, int oflag, ...) {
    MQ_OPEN_ARGS(oflag, mode, attr)
    mqd_t r = real_mq_open(name, oflag, mode, attr);
    if (r == (mqd_t)-1 && errno == ENOSPC) errno = EMFILE;
    return r;
}
