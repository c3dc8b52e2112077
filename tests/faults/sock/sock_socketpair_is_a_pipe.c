// Fault: socketpair() hands out a pipe (fd[0] read-only, fd[1] write-only),
// as a minimal emulation layer might: the pair is one-way.
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

int socketpair(int domain, int type, int protocol, int sv[2]) {
    (void)domain;
    (void)protocol;
    int flags = ((type & SOCK_CLOEXEC) ? O_CLOEXEC : 0) | ((type & SOCK_NONBLOCK) ? O_NONBLOCK : 0);
    return pipe2(sv, flags);
}
