// Fault: sock_diag answers come back without their UNIX_DIAG_UID attribute
// (its type is changed to an unused one), as from a kernel before 5.3.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/sock_diag.h>
#include <linux/unix_diag.h>
#include <sys/socket.h>

ssize_t recv(int fd, void* buf, size_t len, int flags) {
    ssize_t (*real)(int, void*, size_t, int) = (ssize_t(*)(int, void*, size_t, int))dlsym(RTLD_NEXT, "recv");
    ssize_t n = real(fd, buf, len, flags);
    int domain = 0;
    socklen_t dl = sizeof domain;
    if (n <= 0 || getsockopt(fd, SOL_SOCKET, SO_DOMAIN, &domain, &dl) != 0 || domain != AF_NETLINK) return n;
    int left = (int)n;
    for (struct nlmsghdr* h = buf; NLMSG_OK(h, left); h = NLMSG_NEXT(h, left)) {
        if (h->nlmsg_type != SOCK_DIAG_BY_FAMILY) continue;
        struct unix_diag_msg* m = NLMSG_DATA(h);
        struct rtattr* a = (struct rtattr*)(m + 1);
        unsigned rest = h->nlmsg_len - NLMSG_LENGTH(sizeof *m);
        for (; RTA_OK(a, rest); a = RTA_NEXT(a, rest))
            if (a->rta_type == UNIX_DIAG_UID) a->rta_type = __UNIX_DIAG_MAX + 1;
    }
    return n;
}
