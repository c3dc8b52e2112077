// Fault: a queue's file in the mqueue filesystem always reads QSIZE:0.
#include <stdio.h>
#include <sys/vfs.h>
#include "mq_real.h"

#define MQUEUE_MAGIC 0x19800202

ssize_t read(int fd, void* buf, size_t n) {
    ssize_t r = ((ssize_t(*)(int, void*, size_t))dlsym(RTLD_NEXT, "read"))(fd, buf, n);
    struct statfs fs;
    if (r > 6 && fstatfs(fd, &fs) == 0 && fs.f_type == MQUEUE_MAGIC && memcmp(buf, "QSIZE:", 6) == 0) {
        char* c = (char*)buf + 6;
        for (*c++ = '0'; c < (char*)buf + r && *c >= '0' && *c <= '9'; ++c) *c = ' ';
    }
    return r;
}
