// Fault: SCM_CREDENTIALS a sender attaches are not checked but replaced with
// its real pid, uid and gid, so a forged pid or uid is sent instead of being
// refused with EPERM.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

ssize_t sendmsg(int fd, const struct msghdr* msg, int flags) {
    ssize_t (*real)(int, const struct msghdr*, int) =
        (ssize_t(*)(int, const struct msghdr*, int))dlsym(RTLD_NEXT, "sendmsg");
    if (msg->msg_controllen >= sizeof(struct cmsghdr))
        for (struct cmsghdr* c = CMSG_FIRSTHDR(msg); c; c = CMSG_NXTHDR((struct msghdr*)msg, c))
            if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_CREDENTIALS &&
                c->cmsg_len >= CMSG_LEN(sizeof(struct ucred))) {
                struct ucred own = {getpid(), getuid(), getgid()};
                memcpy(CMSG_DATA(c), &own, sizeof own);
            }
    return real(fd, msg, flags);
}
