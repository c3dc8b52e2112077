// Fault: mq_open drops O_NONBLOCK, so calls that should fail with EAGAIN wait.
#include "mq_real.h"

mqd_t mq_open(const char* name, int oflag, ...) {
    MQ_OPEN_ARGS(oflag, mode, attr)
    return real_mq_open(name, oflag & ~O_NONBLOCK, mode, attr);
}
