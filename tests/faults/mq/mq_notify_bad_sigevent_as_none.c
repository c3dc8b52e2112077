// Fault: mq_notify takes an unknown sigev_notify, or SIGEV_SIGNAL with an
// invalid signal number, as SIGEV_NONE instead of refusing it with EINVAL.
#include "mq_real.h"

int mq_notify(mqd_t q, const struct sigevent* ev) {
    if (ev &&
        ((ev->sigev_notify != SIGEV_NONE && ev->sigev_notify != SIGEV_SIGNAL && ev->sigev_notify != SIGEV_THREAD) ||
         (ev->sigev_notify == SIGEV_SIGNAL && (ev->sigev_signo < 0 || ev->sigev_signo > _NSIG)))) {
        struct sigevent none;
        memset(&none, 0, sizeof none);
        none.sigev_notify = SIGEV_NONE;
        return MQ_REAL(mq_notify)(q, &none);
    }
    return MQ_REAL(mq_notify)(q, ev);
}
