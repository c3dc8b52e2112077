// Fault: the write end of a pipe is an inode of its own (an emulation that
// makes two objects joined behind the scenes): fstat of a write-only FIFO
// descriptor reports the read end's st_ino + 1.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <sys/stat.h>

static void shift(int fd, struct stat* st) {
    int fl = fcntl(fd, F_GETFL);
    if (S_ISFIFO(st->st_mode) && fl >= 0 && (fl & O_ACCMODE) == O_WRONLY) st->st_ino += 1;
}

int fstat(int fd, struct stat* st) {
    int rc = ((int (*)(int, struct stat*))dlsym(RTLD_NEXT, "fstat"))(fd, st);
    if (rc == 0) shift(fd, st);
    return rc;
}

int fstat64(int fd, struct stat64* st) {
    int rc = ((int (*)(int, struct stat64*))dlsym(RTLD_NEXT, "fstat64"))(fd, st);
    if (rc == 0) shift(fd, (struct stat*)st);
    return rc;
}
