// Fault: mq_open refuses a mode that carries file-type bits (S_IFIFO ...)
// with EINVAL instead of ignoring them.
#include <sys/stat.h>
#include "mq_real.h"

mqd_t mq_open(const char* name, int oflag, ...) {
    MQ_OPEN_ARGS(oflag, mode, attr)
    if ((oflag & O_CREAT) && (mode & S_IFMT)) {
        errno = EINVAL;
        return (mqd_t)-1;
    }
    return real_mq_open(name, oflag, mode, attr);
}
