// Fault: the registered process is signalled for every message its mq_send
// puts in an empty queue, even one taken at once by a receiver waiting in
// mq_receive (the registration is then removed).
#include <unistd.h>
#include "mq_real.h"

static struct sigevent registered;
static int is_registered;

int mq_notify(mqd_t q, const struct sigevent* ev) {
    int r = MQ_REAL(mq_notify)(q, ev);
    if (r == 0 && ev && ev->sigev_notify == SIGEV_SIGNAL) {
        registered = *ev;
        is_registered = 1;
    }
    return r;
}
int mq_send(mqd_t q, const char* m, size_t n, unsigned p) {
    int was_empty = curmsgs_of(q) == 0;
    int r = MQ_REAL(mq_send)(q, m, n, p);
    if (r == 0 && was_empty && is_registered && curmsgs_of(q) == 0) {
        is_registered = 0;
        MQ_REAL(mq_notify)(q, NULL);
        sigqueue(getpid(), registered.sigev_signo, registered.sigev_value);
    }
    return r;
}
