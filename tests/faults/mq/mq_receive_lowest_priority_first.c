// Fault: the queue orders by priority the wrong way round: the lowest priority
// is received first (priorities are mirrored on the way in and out, so each
// message still reports the priority it was sent with).
#include "mq_real.h"

#define MIRROR(p) ((p) < 32768u ? 32767u - (p) : (p))

int mq_send(mqd_t q, const char* m, size_t n, unsigned p) { return MQ_REAL(mq_send)(q, m, n, MIRROR(p)); }
int mq_timedsend(mqd_t q, const char* m, size_t n, unsigned p, const struct timespec* t) {
    return MQ_REAL(mq_timedsend)(q, m, n, MIRROR(p), t);
}
ssize_t mq_receive(mqd_t q, char* m, size_t n, unsigned* p) {
    unsigned got = 0;
    ssize_t r = MQ_REAL(mq_receive)(q, m, n, &got);
    if (r >= 0 && p) *p = MIRROR(got);
    return r;
}
ssize_t mq_timedreceive(mqd_t q, char* m, size_t n, unsigned* p, const struct timespec* t) {
    unsigned got = 0;
    ssize_t r = MQ_REAL(mq_timedreceive)(q, m, n, &got, t);
    if (r >= 0 && p) *p = MIRROR(got);
    return r;
}
