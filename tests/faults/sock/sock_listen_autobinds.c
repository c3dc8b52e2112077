// Fault: listen() on a Unix socket with no name binds it to an automatic
// abstract name first, instead of failing with EINVAL.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <sys/socket.h>
#include <sys/un.h>

int listen(int fd, int backlog) {
    int (*real)(int, int) = (int (*)(int, int))dlsym(RTLD_NEXT, "listen");
    struct sockaddr_un a;
    socklen_t len = sizeof a;
    if (getsockname(fd, (struct sockaddr*)&a, &len) == 0 && a.sun_family == AF_UNIX && len == sizeof(sa_family_t)) {
        struct sockaddr_un family = {.sun_family = AF_UNIX};
        (void)bind(fd, (struct sockaddr*)&family, sizeof(sa_family_t));
    }
    return real(fd, backlog);
}
