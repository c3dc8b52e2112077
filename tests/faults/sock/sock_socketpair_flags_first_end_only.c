// Fault: socketpair() applies SOCK_CLOEXEC and SOCK_NONBLOCK to the first
// end only.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <sys/socket.h>

int socketpair(int domain, int type, int protocol, int sv[2]) {
    int (*real)(int, int, int, int*) = (int (*)(int, int, int, int*))dlsym(RTLD_NEXT, "socketpair");
    int r = real(domain, type, protocol, sv);
    if (r == 0) {
        if (type & SOCK_CLOEXEC) fcntl(sv[1], F_SETFD, 0);
        if (type & SOCK_NONBLOCK) fcntl(sv[1], F_SETFL, fcntl(sv[1], F_GETFL) & ~O_NONBLOCK);
    }
    return r;
}
