// Fault: F_SEAL_WRITE is reported for the file but held only by the
// descriptor that added it: F_ADD_SEALS keeps F_SEAL_WRITE out of the kernel,
// F_GET_SEALS reports it through every descriptor of the file, and write and
// pwrite refuse with EPERM only through the descriptor that added it.
#define PSHM_FCNTL_SHIM
#include "pshm_real.h"

#define SHIM_FILES 64
static struct {
    dev_t dev;
    ino_t ino;
    int sealer;
} sealed[SHIM_FILES];
static int sealed_count;

static int sealed_file(int fd) {  // index in sealed[], or -1
    struct stat st;
    if (fd < 0 || fstat(fd, &st) < 0) return -1;
    for (int i = 0; i < sealed_count; ++i)
        if (sealed[i].dev == st.st_dev && sealed[i].ino == st.st_ino) return i;
    return -1;
}

static int shim_fcntl(int fd, int cmd, long arg, real_fcntl_t real) {
    if (cmd == F_GET_SEALS) {
        int seals = real(fd, cmd, arg);
        return seals >= 0 && sealed_file(fd) >= 0 ? seals | F_SEAL_WRITE : seals;
    }
    if (cmd != F_ADD_SEALS || !(arg & F_SEAL_WRITE)) return real(fd, cmd, arg);
    int result = real(fd, cmd, arg & ~(long)F_SEAL_WRITE);
    struct stat st;
    if (result == 0 && sealed_file(fd) < 0 && sealed_count < SHIM_FILES && fstat(fd, &st) == 0) {
        sealed[sealed_count].dev = st.st_dev;
        sealed[sealed_count].ino = st.st_ino;
        sealed[sealed_count++].sealer = fd;
    }
    return result;
}

static int refused(int fd) {
    int i = sealed_file(fd);
    return i >= 0 && sealed[i].sealer == fd;
}

ssize_t write(int fd, const void* bytes, size_t count) {
    if (refused(fd)) return errno = EPERM, -1;
    return PSHM_REAL("write", ssize_t(*)(int, const void*, size_t))(fd, bytes, count);
}

ssize_t pwrite(int fd, const void* bytes, size_t count, off_t at) {
    if (refused(fd)) return errno = EPERM, -1;
    return PSHM_REAL("pwrite", ssize_t(*)(int, const void*, size_t, off_t))(fd, bytes, count, at);
}

ssize_t pwrite64(int fd, const void* bytes, size_t count, off_t at) {
    if (refused(fd)) return errno = EPERM, -1;
    return PSHM_REAL("pwrite64", ssize_t(*)(int, const void*, size_t, off_t))(fd, bytes, count, at);
}
