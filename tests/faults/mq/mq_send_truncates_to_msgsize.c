// Fault: mq_send of more than mq_msgsize bytes sends the first mq_msgsize
// bytes instead of failing with EMSGSIZE.
#include "mq_real.h"

int mq_send(mqd_t q, const char* m, size_t n, unsigned p) {
    long size = msgsize_of(q);
    if (size >= 0 && n > (size_t)size) n = (size_t)size;
    return MQ_REAL(mq_send)(q, m, n, p);
}
