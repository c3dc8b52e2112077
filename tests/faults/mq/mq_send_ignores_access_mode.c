// Fault: mq_send and mq_timedsend on a descriptor not open for writing (or
// no queue at all) report success instead of EBADF.
#include "mq_real.h"

int mq_send(mqd_t q, const char* m, size_t n, unsigned p) {
    int r = MQ_REAL(mq_send)(q, m, n, p);
    if (r != 0 && errno == EBADF) return 0;
    return r;
}
int mq_timedsend(mqd_t q, const char* m, size_t n, unsigned p, const struct timespec* t) {
    int r = MQ_REAL(mq_timedsend)(q, m, n, p, t);
    if (r != 0 && errno == EBADF) return 0;
    return r;
}
