// Fault: mkfifo() makes a regular file (a file system without FIFO nodes,
// emulated by a plain file): opening never waits for a partner and written
// data stays in the node after every process has closed it.
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

int mkfifo(const char* path, mode_t mode) {
    int fd = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, mode);
    if (fd < 0) return -1;
    close(fd);
    return 0;
}
