// Fault: every AF_UNIX socket is made SOCK_STREAM whatever type was asked
// for, so SOCK_SEQPACKET and SOCK_DGRAM lose their message boundaries.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <sys/socket.h>

static int as_stream(int domain, int type) { return domain == AF_UNIX ? (type & ~0xf) | SOCK_STREAM : type; }

int socketpair(int domain, int type, int protocol, int sv[2]) {
    int (*real)(int, int, int, int*) = (int (*)(int, int, int, int*))dlsym(RTLD_NEXT, "socketpair");
    return real(domain, as_stream(domain, type), protocol, sv);
}

int socket(int domain, int type, int protocol) {
    int (*real)(int, int, int) = (int (*)(int, int, int))dlsym(RTLD_NEXT, "socket");
    return real(domain, as_stream(domain, type), protocol);
}
