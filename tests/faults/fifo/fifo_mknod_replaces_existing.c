// Fault: mknod() and mknodat() of a FIFO over an existing path replace what
// is there (an emulation that unlinks first) instead of failing with EEXIST.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

int mknodat(int dirfd, const char* path, mode_t mode, dev_t dev) {
    int (*real)(int, const char*, mode_t, dev_t) =
        (int (*)(int, const char*, mode_t, dev_t))dlsym(RTLD_NEXT, "mknodat");
    struct stat st;
    if (S_ISFIFO(mode) && fstatat(dirfd, path, &st, AT_SYMLINK_NOFOLLOW) == 0) unlinkat(dirfd, path, 0);
    return real(dirfd, path, mode, dev);
}

int mknod(const char* path, mode_t mode, dev_t dev) { return mknodat(AT_FDCWD, path, mode, dev); }
