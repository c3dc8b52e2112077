// Fault: mknod() and mknodat() of a FIFO demand CAP_MKNOD, as they do for
// device nodes: a caller without it gets EPERM.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/capability.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

static int has_cap_mknod(void) {
    struct __user_cap_header_struct h = {_LINUX_CAPABILITY_VERSION_3, 0};
    struct __user_cap_data_struct d[2];
    if (syscall(SYS_capget, &h, d) != 0) return 1;
    return (d[0].effective >> CAP_MKNOD) & 1;
}

int mknodat(int dirfd, const char* path, mode_t mode, dev_t dev) {
    if (S_ISFIFO(mode) && !has_cap_mknod()) {
        errno = EPERM;
        return -1;
    }
    return ((int (*)(int, const char*, mode_t, dev_t))dlsym(RTLD_NEXT, "mknodat"))(dirfd, path, mode, dev);
}

int mknod(const char* path, mode_t mode, dev_t dev) { return mknodat(AT_FDCWD, path, mode, dev); }
