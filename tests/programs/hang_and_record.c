// A case that never ends: records its pid and that of a grandchild which left
// the process group (setsid) as files named by pid in $IPC_TEST_PID_DIR, and
// the System V objects it made (a message queue and a shared memory segment)
// as a file "<ipc namespace inode>.<msqid>.<shmid>" in $IPC_TEST_IPC_DIR,
// then waits forever.
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include <unistd.h>

static void touch(const char* dir, const char* name) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    int fd = open(path, O_WRONLY | O_CREAT, 0644);
    if (fd >= 0) close(fd);
}

static void record(const char* dir, pid_t pid) {
    char name[32];
    snprintf(name, sizeof name, "%d", (int)pid);
    touch(dir, name);
}

int main(void) {
    const char* dir = getenv("IPC_TEST_PID_DIR");
    const char* ipc_dir = getenv("IPC_TEST_IPC_DIR");
    if (!dir || !ipc_dir) return 2;
    struct stat ns;
    int msqid = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
    int shmid = shmget(IPC_PRIVATE, 4096, IPC_CREAT | 0600);
    if (msqid < 0 || shmid < 0 || stat("/proc/self/ns/ipc", &ns) != 0) return 2;
    char name[96];
    snprintf(name, sizeof name, "%llu.%d.%d", (unsigned long long)ns.st_ino, msqid, shmid);
    touch(ipc_dir, name);
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
