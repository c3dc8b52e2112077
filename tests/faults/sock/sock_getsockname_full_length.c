// Fault: getsockname() of a Unix socket always reports the full
// sizeof(struct sockaddr_un) as the address length.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <sys/socket.h>
#include <sys/un.h>

int getsockname(int fd, struct sockaddr* addr, socklen_t* len) {
    int (*real)(int, struct sockaddr*, socklen_t*) =
        (int (*)(int, struct sockaddr*, socklen_t*))dlsym(RTLD_NEXT, "getsockname");
    int r = real(fd, addr, len);
    if (r == 0 && addr->sa_family == AF_UNIX && *len >= sizeof(sa_family_t)) *len = sizeof(struct sockaddr_un);
    return r;
}
