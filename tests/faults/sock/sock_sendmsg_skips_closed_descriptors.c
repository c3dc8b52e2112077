// Fault: sendmsg() leaves out of an SCM_RIGHTS message the descriptors that
// are not open, instead of failing with EBADF; with none left the data goes
// alone.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <string.h>
#include <sys/socket.h>

ssize_t sendmsg(int fd, const struct msghdr* msg, int flags) {
    ssize_t (*real)(int, const struct msghdr*, int) =
        (ssize_t(*)(int, const struct msghdr*, int))dlsym(RTLD_NEXT, "sendmsg");
    struct cmsghdr* c = msg->msg_controllen >= sizeof(struct cmsghdr) ? CMSG_FIRSTHDR(msg) : NULL;
    if (!c || c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS || c->cmsg_len < CMSG_LEN(sizeof(int)))
        return real(fd, msg, flags);
    size_t n = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int), kept = 0;
    int fds[64];
    for (size_t i = 0; i < n && i < 64; ++i) {
        int d;
        memcpy(&d, CMSG_DATA(c) + i * sizeof(int), sizeof d);
        if (fcntl(d, F_GETFD) >= 0) fds[kept++] = d;
    }
    char control[CMSG_SPACE(sizeof fds)];
    struct msghdr copy = *msg;
    if (kept == 0) {
        copy.msg_control = NULL;
        copy.msg_controllen = 0;
        return real(fd, &copy, flags);
    }
    memset(control, 0, sizeof control);
    copy.msg_control = control;
    copy.msg_controllen = CMSG_SPACE(kept * sizeof(int));
    struct cmsghdr* k = CMSG_FIRSTHDR(&copy);
    k->cmsg_level = SOL_SOCKET;
    k->cmsg_type = SCM_RIGHTS;
    k->cmsg_len = CMSG_LEN(kept * sizeof(int));
    memcpy(CMSG_DATA(k), fds, kept * sizeof(int));
    return real(fd, &copy, flags);
}
