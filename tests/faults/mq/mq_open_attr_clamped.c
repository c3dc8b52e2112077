// Fault: mq_open clamps mq_maxmsg and mq_msgsize into 1..fs.mqueue.msg_max and
// 1..msgsize_max instead of refusing values outside with EINVAL.
#include <stdio.h>
#include "mq_real.h"

static long sysctl_value(const char* path) {
    long v = -1;
    FILE* f = fopen(path, "r");
    if (f) {
        if (fscanf(f, "%ld", &v) != 1) v = -1;
        fclose(f);
    }
    return v;
}

mqd_t mq_open(const char* name, int oflag, ...) {
    MQ_OPEN_ARGS(oflag, mode, attr)
    if (attr) {
        struct mq_attr a = *attr;
        long maxmsg = sysctl_value("/proc/sys/fs/mqueue/msg_max"),
             msgsize = sysctl_value("/proc/sys/fs/mqueue/msgsize_max");
        if (a.mq_maxmsg < 1) a.mq_maxmsg = 1;
        if (a.mq_msgsize < 1) a.mq_msgsize = 1;
        if (maxmsg > 0 && a.mq_maxmsg > maxmsg) a.mq_maxmsg = maxmsg;
        if (msgsize > 0 && a.mq_msgsize > msgsize) a.mq_msgsize = msgsize;
        return real_mq_open(name, oflag, mode, &a);
    }
    return real_mq_open(name, oflag, mode, attr);
}
