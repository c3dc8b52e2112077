// Fault: mq_open ignores the permission bits it is given: every queue is
// made with mode 0666 (less the umask), so that an owner without the read
// or write bit still opens it that way.
#include "mq_real.h"

mqd_t mq_open(const char* name, int oflag, ...) {
    MQ_OPEN_ARGS(oflag, mode, attr)
    (void)mode;
    return real_mq_open(name, oflag, 0666, attr);
}
