/* Fills the disk: /tmp, /dev/shm and its own directory, file after file
 * (each file is capped by the sandbox's RLIMIT_FSIZE), until a write is
 * refused; then removes what it wrote, to do its task. */
#include "hostile.h" /* first: it asks for the GNU names */

#include <signal.h>
#include <stdlib.h>

static void fill(const char* dir) {
    static char chunk[1 << 18];
    memset(chunk, 'x', sizeof chunk);
    long long bytes = 0;
    int files = 0, err = 0;
    char path[512];
    while (!err && files < 1024) { /* 1 GiB at most: a bound if it is not contained */
        snprintf(path, sizeof path, "%s/fill.%d", dir, files);
        int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        if (fd < 0) {
            err = errno;
            break;
        }
        files++;
        for (ssize_t n; (n = write(fd, chunk, sizeof chunk)) > 0;) bytes += n;
        if (errno != EFBIG) err = errno; /* EFBIG: this file's limit; on to the next */
        close(fd);
    }
    say("filled %s with %lld MiB in %d files, then %s", dir, bytes >> 20, files, strerrorname_np(err));
    while (files-- > 0) {
        snprintf(path, sizeof path, "%s/fill.%d", dir, files);
        unlink(path);
    }
}

int main(void) {
    signal(SIGXFSZ, SIG_IGN);
    fill("/tmp");
    fill("/dev/shm");
    fill(".");
    return behave();
}
