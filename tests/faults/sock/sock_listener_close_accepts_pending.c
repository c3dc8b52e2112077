// Fault: closing a listening socket first accepts the connections still
// waiting and closes them one by one, as a graceful server would, so their
// clients see an orderly end of file instead of a reset.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

int close(int fd) {
    int (*real)(int) = (int (*)(int))dlsym(RTLD_NEXT, "close");
    int listening = 0;
    socklen_t len = sizeof listening;
    if (getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &listening, &len) == 0 && listening) {
        struct pollfd p = {fd, POLLIN, 0};
        while (poll(&p, 1, 0) == 1 && (p.revents & POLLIN)) {
            int c = accept4(fd, NULL, NULL, SOCK_CLOEXEC);
            if (c < 0) break;
            real(c);
        }
    }
    return real(fd);
}
