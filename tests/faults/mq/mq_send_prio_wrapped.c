// Fault: mq_send takes a priority of MQ_PRIO_MAX or more modulo MQ_PRIO_MAX
// instead of failing with EINVAL.
#include "mq_real.h"

int mq_send(mqd_t q, const char* m, size_t n, unsigned p) { return MQ_REAL(mq_send)(q, m, n, p % 32768u); }
