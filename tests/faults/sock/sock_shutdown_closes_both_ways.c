// Fault: shutdown(SHUT_WR) shuts both directions (SHUT_RDWR), so the peer
// can no longer answer.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <sys/socket.h>

int shutdown(int fd, int how) {
    int (*real)(int, int) = (int (*)(int, int))dlsym(RTLD_NEXT, "shutdown");
    return real(fd, how == SHUT_WR ? SHUT_RDWR : how);
}
