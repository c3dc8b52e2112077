// Fault: mq_send, mq_timedsend, mq_receive and mq_timedreceive interrupted
// by a caught signal are restarted, as if every handler had SA_RESTART,
// instead of failing with EINTR.
#include "mq_real.h"

int mq_send(mqd_t q, const char* m, size_t n, unsigned p) {
    int r;
    while ((r = MQ_REAL(mq_send)(q, m, n, p)) != 0 && errno == EINTR) {
    }
    return r;
}
int mq_timedsend(mqd_t q, const char* m, size_t n, unsigned p, const struct timespec* t) {
    int r;
    while ((r = MQ_REAL(mq_timedsend)(q, m, n, p, t)) != 0 && errno == EINTR) {
    }
    return r;
}
ssize_t mq_receive(mqd_t q, char* m, size_t n, unsigned* p) {
    ssize_t r;
    while ((r = MQ_REAL(mq_receive)(q, m, n, p)) < 0 && errno == EINTR) {
    }
    return r;
}
ssize_t mq_timedreceive(mqd_t q, char* m, size_t n, unsigned* p, const struct timespec* t) {
    ssize_t r;
    while ((r = MQ_REAL(mq_timedreceive)(q, m, n, p, t)) < 0 && errno == EINTR) {
    }
    return r;
}
