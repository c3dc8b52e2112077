// Fault: read(2) of a queue descriptor (a file of the mqueue filesystem)
// fails with EINVAL instead of giving the queue's QSIZE/NOTIFY line.
#include <sys/vfs.h>
#include "mq_real.h"

#define MQUEUE_MAGIC 0x19800202

ssize_t read(int fd, void* buf, size_t n) {
    struct statfs fs;
    if (fstatfs(fd, &fs) == 0 && fs.f_type == MQUEUE_MAGIC) {
        errno = EINVAL;
        return -1;
    }
    return ((ssize_t(*)(int, void*, size_t))dlsym(RTLD_NEXT, "read"))(fd, buf, n);
}
