/* SHM-05/SHM-06/MSG-11/MSG-16 check. Build: cc -o /tmp/ipc_namespace ipc_namespace.c; run as root: /tmp/ipc_namespace (and under runsc ... do /tmp/ipc_namespace) */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/shm.h>
#include <sys/wait.h>
#include <unistd.h>

static void try_write(const char* path, const char* text) {
    int fd = open(path, O_WRONLY);
    if (fd < 0) { printf("  open(%s, O_WRONLY): %s\n", path, strerror(errno)); return; }
    ssize_t n = write(fd, text, strlen(text));
    printf("  write(%s, \"%.*s\"): %s\n", path, (int)strcspn(text, "\n"), text, n < 0 ? strerror(errno) : "ok");
    close(fd);
}

int main(void) {
    setvbuf(stdout, NULL, _IONBF, 0);
    key_t key = 0x5e500000 + (getpid() & 0xffff);
    int id = shmget(key, 4096, IPC_CREAT | IPC_EXCL | 0600);
    printf("made segment %d with key 0x%x in the starting IPC namespace\n", id, key);
    if (fork() == 0) {
        printf("unshare(CLONE_NEWIPC): %s\n", unshare(CLONE_NEWIPC) ? strerror(errno) : "ok");
        int again = shmget(key, 0, 0);
        printf("  shmget(key) inside: %s\n", again < 0 ? strerror(errno) : "found: the segment is visible");
        try_write("/proc/sys/kernel/shm_rmid_forced", "1\n");
        try_write("/proc/sys/kernel/msgmax", "4096\n");
        _exit(0);
    }
    wait(NULL);
    if (fork() == 0) {
        printf("unshare(CLONE_NEWUSER|CLONE_NEWIPC): %s\n",
               unshare(CLONE_NEWUSER | CLONE_NEWIPC) ? strerror(errno) : "ok");
        try_write("/proc/self/setgroups", "deny");
        try_write("/proc/self/gid_map", "0 0 1\n");
        try_write("/proc/self/uid_map", "0 0 1\n");
        _exit(0);
    }
    wait(NULL);
    shmctl(id, IPC_RMID, NULL);
    return 0;
}
