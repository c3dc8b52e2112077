// Fault: truncate() and ftruncate() of a FIFO pretend to succeed (return 0,
// change nothing) instead of failing with EINVAL.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <sys/stat.h>
#include <unistd.h>

#define REAL(name, type) ((type)dlsym(RTLD_NEXT, name))

int truncate(const char* path, off_t length) {
    struct stat st;
    if (stat(path, &st) == 0 && S_ISFIFO(st.st_mode)) return 0;
    return REAL("truncate", int (*)(const char*, off_t))(path, length);
}
int truncate64(const char* path, off_t length) {
    struct stat st;
    if (stat(path, &st) == 0 && S_ISFIFO(st.st_mode)) return 0;
    return REAL("truncate64", int (*)(const char*, off_t))(path, length);
}
int ftruncate(int fd, off_t length) {
    struct stat st;
    if (fstat(fd, &st) == 0 && S_ISFIFO(st.st_mode)) return 0;
    return REAL("ftruncate", int (*)(int, off_t))(fd, length);
}
int ftruncate64(int fd, off_t length) {
    struct stat st;
    if (fstat(fd, &st) == 0 && S_ISFIFO(st.st_mode)) return 0;
    return REAL("ftruncate64", int (*)(int, off_t))(fd, length);
}
