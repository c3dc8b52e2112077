// Fault: mq_notify by a second process reports success instead of EBUSY
// (the registration it asked for is not made).
#include "mq_real.h"

int mq_notify(mqd_t q, const struct sigevent* ev) {
    int r = MQ_REAL(mq_notify)(q, ev);
    if (r != 0 && errno == EBUSY) return 0;
    return r;
}
