// A case that never ends: records its pid and that of a grandchild which left
// the process group (setsid) as files named by pid in $IPC_TEST_PID_DIR, then
// waits forever.
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static void record(const char* dir, pid_t pid) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%d", dir, (int)pid);
    int fd = open(path, O_WRONLY | O_CREAT, 0644);
    if (fd >= 0) close(fd);
}

int main(void) {
    const char* dir = getenv("IPC_TEST_PID_DIR");
    if (!dir) return 2;
    int ready[2];
    if (pipe(ready) != 0) return 2;
    if (fork() == 0) {
        setsid();
        record(dir, getpid());
        close(ready[1]);
        for (;;) pause();
    }
    close(ready[1]);
    char c;
    (void)!read(ready[0], &c, 1);  // the escapee has recorded itself
    record(dir, getpid());
    for (;;) pause();
}
