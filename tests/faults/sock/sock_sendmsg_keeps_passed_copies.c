// Fault: sendmsg() keeps a duplicate of every descriptor it passes with
// SCM_RIGHTS (a layer that tracks what it sent), so what was passed is
// never released by the receiver or the kernel alone.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <string.h>
#include <sys/socket.h>

ssize_t sendmsg(int fd, const struct msghdr* msg, int flags) {
    ssize_t (*real)(int, const struct msghdr*, int) =
        (ssize_t(*)(int, const struct msghdr*, int))dlsym(RTLD_NEXT, "sendmsg");
    ssize_t r = real(fd, msg, flags);
    if (r < 0 || msg->msg_controllen < sizeof(struct cmsghdr)) return r;
    for (struct cmsghdr* c = CMSG_FIRSTHDR(msg); c; c = CMSG_NXTHDR((struct msghdr*)msg, c)) {
        if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS) continue;
        size_t n = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);
        for (size_t i = 0; i < n; ++i) {
            int d;
            memcpy(&d, CMSG_DATA(c) + i * sizeof(int), sizeof d);
            (void)fcntl(d, F_DUPFD_CLOEXEC, 0);
        }
    }
    return r;
}
