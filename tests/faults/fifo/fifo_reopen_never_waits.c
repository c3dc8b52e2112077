// Fault: the first blocking open of a FIFO node waits for the other side as
// it should; every later one (by any process) opens it read-write and
// returns at once, as a layer that keeps a node "connected" once it has been
// might. The nodes opened are remembered in $TMPDIR (the case's directory).
#include "../pipe/open_shim.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

// Whether the node was opened before; remembers it otherwise.
static int opened_before(const struct stat* st, real_open_t real) {
    const char* dir = getenv("TMPDIR");
    char mark[4096];
    snprintf(mark, sizeof mark, "%s/.fifo-opened-%lu-%lu", dir ? dir : "/tmp", (unsigned long)st->st_dev,
             (unsigned long)st->st_ino);
    if (access(mark, F_OK) == 0) return 1;
    int fd = real(mark, O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
    if (fd >= 0) close(fd);
    return 0;
}

static int shim_open(const char* path, int flags, int mode, real_open_t real) {
    struct stat st;
    if (!(flags & O_NONBLOCK) && (flags & O_ACCMODE) != O_RDWR && stat(path, &st) == 0 && S_ISFIFO(st.st_mode) &&
        opened_before(&st, real))
        flags = (flags & ~O_ACCMODE) | O_RDWR;
    return real(path, flags, mode);
}
