// Fault: mq_open at the RLIMIT_NOFILE limit fails with ENFILE (the
// system-wide limit) instead of EMFILE.
#include "mq_real.h"

mqd_t mq_open(const char* name, int oflag, ...) {
    MQ_OPEN_ARGS(oflag, mode, attr)
    mqd_t q = real_mq_open(name, oflag, mode, attr);
    if (q == (mqd_t)-1 && errno == EMFILE) errno = ENFILE;
    return q;
}
