// Fault: shutdown(SHUT_RD) is accepted and does nothing: the peer may still
// send, and reads still wait for data.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <sys/socket.h>

int shutdown(int fd, int how) {
    int (*real)(int, int) = (int (*)(int, int))dlsym(RTLD_NEXT, "shutdown");
    return how == SHUT_RD ? 0 : real(fd, how);
}
