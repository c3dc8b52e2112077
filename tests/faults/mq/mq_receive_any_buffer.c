// Fault: mq_receive accepts a buffer smaller than mq_msgsize (the message is
// cut to fit) instead of failing with EMSGSIZE.
#include <stdlib.h>
#include "mq_real.h"

ssize_t mq_receive(mqd_t q, char* m, size_t n, unsigned* p) {
    long size = msgsize_of(q);
    if (size < 0 || n >= (size_t)size) return MQ_REAL(mq_receive)(q, m, n, p);
    char* whole = malloc((size_t)size);
    ssize_t r = MQ_REAL(mq_receive)(q, whole, (size_t)size, p);
    if (r > (ssize_t)n) r = (ssize_t)n;
    if (r > 0) memcpy(m, whole, (size_t)r);
    free(whole);
    return r;
}
