// Fault: mq_send on a full queue fails with EAGAIN at once, as if O_NONBLOCK
// were always set, instead of waiting for room.
#include "mq_real.h"

int mq_send(mqd_t q, const char* m, size_t n, unsigned p) {
    long cur = curmsgs_of(q), max = maxmsg_of(q);
    if (cur >= 0 && cur >= max) {
        errno = EAGAIN;
        return -1;
    }
    return MQ_REAL(mq_send)(q, m, n, p);
}
