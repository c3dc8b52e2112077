// What the eventfd fault shims build on: the real calls (the next definition
// after the shim's own) and a test for an eventfd descriptor, so that a shim
// changes eventfds only and leaves the harness's pipes and files alone.
#pragma once
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/types.h>
#include <unistd.h>

#define EFD_REAL(name, type) ((type)dlsym(RTLD_NEXT, name))

static inline int real_eventfd(unsigned initval, int flags) {
    return EFD_REAL("eventfd", int (*)(unsigned, int))(initval, flags);
}
static inline ssize_t real_read(int fd, void* buf, size_t n) {
    return EFD_REAL("read", ssize_t(*)(int, void*, size_t))(fd, buf, n);
}
static inline ssize_t real_write(int fd, const void* buf, size_t n) {
    return EFD_REAL("write", ssize_t(*)(int, const void*, size_t))(fd, buf, n);
}
static inline int real_poll(struct pollfd* fds, nfds_t n, int timeout) {
    return EFD_REAL("poll", int (*)(struct pollfd*, nfds_t, int))(fds, n, timeout);
}

// The target of /proc/self/fd/<fd> ("anon_inode:[eventfd]"), or "" if unreadable.
static inline void fd_target(int fd, char* out, size_t size) {
    char link[64];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    int saved = errno;
    ssize_t n = readlink(link, out, size - 1);
    errno = saved;
    out[n > 0 ? n : 0] = '\0';
}

static inline int is_eventfd(int fd) {
    char target[128];
    fd_target(fd, target, sizeof target);
    return strcmp(target, "anon_inode:[eventfd]") == 0;
}
