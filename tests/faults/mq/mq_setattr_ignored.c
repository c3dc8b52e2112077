// Fault: mq_setattr reports the old attributes and succeeds, but changes
// nothing (O_NONBLOCK is neither set nor cleared, other flags are not refused).
#include "mq_real.h"

int mq_setattr(mqd_t q, const struct mq_attr* wanted, struct mq_attr* old) {
    (void)wanted;
    return old ? MQ_REAL(mq_getattr)(q, old) : 0;
}
