// Fault: mq_timedreceive on an empty queue and mq_timedsend on a full one fail
// with EAGAIN at once instead of waiting until the deadline for ETIMEDOUT.
#include "mq_real.h"

ssize_t mq_timedreceive(mqd_t q, char* m, size_t n, unsigned* p, const struct timespec* t) {
    if (curmsgs_of(q) == 0) {
        errno = EAGAIN;
        return -1;
    }
    return MQ_REAL(mq_timedreceive)(q, m, n, p, t);
}
int mq_timedsend(mqd_t q, const char* m, size_t n, unsigned p, const struct timespec* t) {
    long cur = curmsgs_of(q);
    if (cur >= 0 && cur >= maxmsg_of(q)) {
        errno = EAGAIN;
        return -1;
    }
    return MQ_REAL(mq_timedsend)(q, m, n, p, t);
}
