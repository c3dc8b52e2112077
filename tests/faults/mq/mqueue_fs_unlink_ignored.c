// Fault: unlink(2) of a file in the mqueue filesystem reports success but
// leaves the queue.
#include <stdio.h>
#include <sys/vfs.h>
#include "mq_real.h"

#define MQUEUE_MAGIC 0x19800202

int unlink(const char* path) {
    struct statfs fs;
    if (statfs(path, &fs) == 0 && fs.f_type == MQUEUE_MAGIC) return 0;
    return ((int (*)(const char*))dlsym(RTLD_NEXT, "unlink"))(path);
}
