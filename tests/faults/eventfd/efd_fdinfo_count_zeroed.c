// Fault: /proc/<pid>/fdinfo/<fd> shows eventfd-count as 0 whatever the counter
// (a stale or unimplemented field): its hexadecimal digits read as zeros.
#include "efd_real.h"

ssize_t read(int fd, void* buf, size_t n) {
    ssize_t got = real_read(fd, buf, n);
    if (got <= 0) return got;
    char target[256];
    fd_target(fd, target, sizeof target);
    if (!strstr(target, "/fdinfo/")) return got;
    char* text = buf;
    const char* key = "eventfd-count:";
    for (ssize_t i = 0; i + (ssize_t)strlen(key) <= got; ++i) {
        if (memcmp(text + i, key, strlen(key)) != 0) continue;
        for (ssize_t j = i + (ssize_t)strlen(key); j < got && text[j] != '\n'; ++j)
            if (text[j] != ' ' && text[j] != '\t') text[j] = '0';
    }
    return got;
}
