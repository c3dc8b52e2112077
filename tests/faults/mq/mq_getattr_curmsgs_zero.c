// Fault: mq_getattr always reports mq_curmsgs 0.
#include "mq_real.h"

int mq_getattr(mqd_t q, struct mq_attr* a) {
    int r = MQ_REAL(mq_getattr)(q, a);
    if (r == 0) a->mq_curmsgs = 0;
    return r;
}
