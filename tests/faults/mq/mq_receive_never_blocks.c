// Fault: mq_receive on an empty queue fails with EAGAIN at once, as if
// O_NONBLOCK were always set, instead of waiting for a message.
#include "mq_real.h"

ssize_t mq_receive(mqd_t q, char* m, size_t n, unsigned* p) {
    if (curmsgs_of(q) == 0) {
        errno = EAGAIN;
        return -1;
    }
    return MQ_REAL(mq_receive)(q, m, n, p);
}
