// Fault: sendto() with an address on a socket that is not connected fails
// with ENOTCONN, as on a layer that only carries connected datagrams.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <sys/socket.h>
#include <sys/un.h>

ssize_t sendto(int fd, const void* buf, size_t len, int flags, const struct sockaddr* to, socklen_t tolen) {
    ssize_t (*real)(int, const void*, size_t, int, const struct sockaddr*, socklen_t) =
        (ssize_t(*)(int, const void*, size_t, int, const struct sockaddr*, socklen_t))dlsym(RTLD_NEXT, "sendto");
    struct sockaddr_un peer;
    socklen_t plen = sizeof peer;
    if (to && getpeername(fd, (struct sockaddr*)&peer, &plen) != 0 && errno == ENOTCONN) return -1;
    return real(fd, buf, len, flags, to, tolen);
}
