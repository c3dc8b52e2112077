// Fault: opening /proc/self/fd/N of a pipe's read end behaves as the open of
// a FIFO node: it waits for a writer, and one whose writers are all gone
// never comes (an emulation that routes the reopen through its FIFO code).
#include "open_shim.h"

#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int shim_open(const char* path, int flags, int mode, real_open_t real) {
    struct stat st;
    if (strncmp(path, "/proc/self/fd/", 14) == 0 && (flags & O_ACCMODE) == O_RDONLY && stat(path, &st) == 0 &&
        S_ISFIFO(st.st_mode)) {
        int fd = atoi(path + 14);
        struct pollfd p = {fd, POLLIN, 0};
        // No writer left: POLLHUP on an empty pipe. Wait for one, as fifo_open would.
        while (poll(&p, 1, 0) == 1 && (p.revents & POLLHUP) && !(p.revents & POLLIN)) pause();
    }
    return real(path, flags, mode);
}
