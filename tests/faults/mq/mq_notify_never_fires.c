// Fault: mq_notify reports success but registers nothing: no signal, no
// thread, ever.
#include "mq_real.h"

int mq_notify(mqd_t q, const struct sigevent* ev) {
    (void)q;
    (void)ev;
    return 0;
}
