// What the splice fault shims build on: the real splice(2), tee(2) and
// vmsplice(2) (the next definition after the shim's own) and the kind of a
// descriptor, so that a shim changes only the calls it means to.
#pragma once
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <unistd.h>

#define SPLICE_REAL(name, type) ((type)dlsym(RTLD_NEXT, name))

static inline ssize_t real_splice(int in, loff_t* off_in, int out, loff_t* off_out, size_t len, unsigned flags) {
    return SPLICE_REAL("splice", ssize_t(*)(int, loff_t*, int, loff_t*, size_t, unsigned))(in, off_in, out, off_out,
                                                                                           len, flags);
}
static inline ssize_t real_tee(int in, int out, size_t len, unsigned flags) {
    return SPLICE_REAL("tee", ssize_t(*)(int, int, size_t, unsigned))(in, out, len, flags);
}
static inline ssize_t real_vmsplice(int fd, const struct iovec* iov, size_t n, unsigned flags) {
    return SPLICE_REAL("vmsplice", ssize_t(*)(int, const struct iovec*, size_t, unsigned))(fd, iov, n, flags);
}

// The file type bits of fd (S_IFIFO, S_IFREG ...), 0 when fstat fails;
// errno is kept.
static inline mode_t kind_of(int fd) {
    int saved = errno;
    struct stat st;
    mode_t kind = fstat(fd, &st) == 0 ? (st.st_mode & S_IFMT) : 0;
    errno = saved;
    return kind;
}
static inline int is_pipe(int fd) { return kind_of(fd) == S_IFIFO; }
