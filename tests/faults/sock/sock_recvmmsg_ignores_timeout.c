// Fault: recvmmsg() ignores its timeout and waits to fill every slot.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <sys/socket.h>
#include <time.h>

int recvmmsg(int fd, struct mmsghdr* msgs, unsigned int n, int flags, struct timespec* timeout) {
    int (*real)(int, struct mmsghdr*, unsigned int, int, struct timespec*) =
        (int (*)(int, struct mmsghdr*, unsigned int, int, struct timespec*))dlsym(RTLD_NEXT, "recvmmsg");
    (void)timeout;
    return real(fd, msgs, n, flags, NULL);
}
