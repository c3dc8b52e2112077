// Fault: mq_open takes any name: a missing leading slash is added and
// further slashes become '_', instead of EINVAL and EACCES.
#include <stdio.h>
#include "mq_real.h"

mqd_t mq_open(const char* name, int oflag, ...) {
    MQ_OPEN_ARGS(oflag, mode, attr)
    char fixed[512];
    size_t n = 0;
    if (name[0] != '/') fixed[n++] = '/';
    for (const char* c = name; *c && n < sizeof fixed - 1; ++c) fixed[n++] = (*c == '/' && c != name) ? '_' : *c;
    fixed[n] = 0;
    if (strcmp(fixed, "/") == 0 || strcmp(fixed, "/.") == 0) snprintf(fixed, sizeof fixed, "/empty");
    return real_mq_open(fixed, oflag, mode, attr);
}
