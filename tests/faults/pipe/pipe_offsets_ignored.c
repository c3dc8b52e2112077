// Fault: a pipe accepts offsets and ignores them (an emulation that treats
// every descriptor as seekable): lseek() on a pipe answers 0, and pread,
// pwrite, preadv and pwritev on a pipe read or write as if no offset had
// been given.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

static int is_pipe(int fd) {
    struct stat st;
    return fstat(fd, &st) == 0 && S_ISFIFO(st.st_mode);
}

#define REAL(name, type) ((type)dlsym(RTLD_NEXT, name))

off_t lseek(int fd, off_t offset, int whence) {
    if (is_pipe(fd)) return 0;
    return REAL("lseek", off_t(*)(int, off_t, int))(fd, offset, whence);
}
off_t lseek64(int fd, off_t offset, int whence) {
    if (is_pipe(fd)) return 0;
    return REAL("lseek64", off_t(*)(int, off_t, int))(fd, offset, whence);
}

#define POSITIONAL(name, plain, buf_type)                                                 \
    ssize_t name(int fd, buf_type buf, size_t n, off_t offset) {                          \
        if (is_pipe(fd)) return plain(fd, buf, n);                                        \
        return REAL(#name, ssize_t(*)(int, buf_type, size_t, off_t))(fd, buf, n, offset); \
    }
POSITIONAL(pread, read, void*)
POSITIONAL(pread64, read, void*)
POSITIONAL(pwrite, write, const void*)
POSITIONAL(pwrite64, write, const void*)

#define POSITIONAL_V(name, plain)                                                                 \
    ssize_t name(int fd, const struct iovec* iov, int n, off_t offset) {                          \
        if (is_pipe(fd)) return plain(fd, iov, n);                                                \
        return REAL(#name, ssize_t(*)(int, const struct iovec*, int, off_t))(fd, iov, n, offset); \
    }
POSITIONAL_V(preadv, readv)
POSITIONAL_V(preadv64, readv)
POSITIONAL_V(pwritev, writev)
POSITIONAL_V(pwritev64, writev)
