// Fault: mq_timedreceive and mq_timedsend look at abs_timeout only when they
// would block (as POSIX allows): with a message there, or room, an invalid
// timeout is ignored and the call succeeds.
#include "mq_real.h"

static int invalid(const struct timespec* t) {
    return t && (t->tv_sec < 0 || t->tv_nsec < 0 || t->tv_nsec >= 1000000000L);
}
ssize_t mq_timedreceive(mqd_t q, char* m, size_t n, unsigned* p, const struct timespec* t) {
    if (invalid(t) && curmsgs_of(q) > 0) t = NULL;
    return MQ_REAL(mq_timedreceive)(q, m, n, p, t);
}
int mq_timedsend(mqd_t q, const char* m, size_t n, unsigned p, const struct timespec* t) {
    long cur = curmsgs_of(q);
    if (invalid(t) && cur >= 0 && cur < maxmsg_of(q)) t = NULL;
    return MQ_REAL(mq_timedsend)(q, m, n, p, t);
}
