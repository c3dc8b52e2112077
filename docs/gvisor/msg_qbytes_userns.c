/* MSG-16 check: may a process that is root only in a user namespace of its
 * own (which owns a new IPC namespace) raise a queue's msg_qbytes past
 * kernel.msgmnb?  Run as root.  A child drops to uid/gid 65534, unshares a
 * user and an IPC namespace, maps itself to root in it, creates a queue and
 * asks IPC_SET for msgmnb + 1 bytes. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

static long read_long(const char *path)
{
    FILE *f = fopen(path, "r");
    long v = -1;
    if (!f)
        return -1;
    if (fscanf(f, "%ld", &v) != 1)
        v = -1;
    fclose(f);
    return v;
}

/* 0 when written; -1 with errno otherwise. */
static int write_text(const char *path, const char *text)
{
    int fd = open(path, O_WRONLY);
    if (fd < 0)
        return -1;
    ssize_t n = write(fd, text, strlen(text));
    int saved = errno;
    close(fd);
    errno = saved;
    return n == (ssize_t)strlen(text) ? 0 : -1;
}

static int cap_sys_resource_effective(void)
{
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    unsigned long long eff = 0;
    if (!f)
        return -1;
    while (fgets(line, sizeof line, f))
        if (sscanf(line, "CapEff: %llx", &eff) == 1)
            break;
    fclose(f);
    return (eff >> 24) & 1; /* CAP_SYS_RESOURCE is 24 */
}

static void try_raise(const char *who)
{
    long msgmnb = read_long("/proc/sys/kernel/msgmnb");
    int id = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
    struct msqid_ds ds;
    if (id < 0) {
        printf("%s: msgget: %s\n", who, strerror(errno));
        return;
    }
    if (msgctl(id, IPC_STAT, &ds) != 0) {
        printf("%s: IPC_STAT: %s\n", who, strerror(errno));
        return;
    }
    printf("%s: euid %d, CAP_SYS_RESOURCE effective: %s, msgmnb %ld, new queue qbytes %lu\n",
           who, (int)geteuid(), cap_sys_resource_effective() == 1 ? "yes" : "no", msgmnb,
           (unsigned long)ds.msg_qbytes);
    ds.msg_qbytes = (msglen_t)(msgmnb + 1);
    int r = msgctl(id, IPC_SET, &ds);
    int err = errno;
    msgctl(id, IPC_STAT, &ds);
    printf("%s: IPC_SET msg_qbytes = msgmnb+1 (%ld): %s; qbytes now %lu\n", who, msgmnb + 1,
           r == 0 ? "ok" : strerror(err), (unsigned long)ds.msg_qbytes);
    msgctl(id, IPC_RMID, NULL);
}

int main(void)
{
    if (geteuid() != 0) {
        fprintf(stderr, "run as root\n");
        return 2;
    }
    setvbuf(stdout, NULL, _IONBF, 0);
    try_raise("root, starting user namespace");

    pid_t pid = fork();
    if (pid == 0) {
        if (setgroups(0, NULL) != 0 || setgid(65534) != 0 || setuid(65534) != 0) {
            printf("child: cannot drop to 65534: %s\n", strerror(errno));
            _exit(1);
        }
        /* setuid made the process non-dumpable, which leaves its /proc/self
         * files owned by root; make it dumpable again so that it can write its
         * own maps. */
        prctl(PR_SET_DUMPABLE, 1, 0, 0, 0);
        try_raise("uid 65534, starting user namespace");
        if (unshare(CLONE_NEWUSER | CLONE_NEWIPC) != 0) {
            printf("child: unshare(CLONE_NEWUSER|CLONE_NEWIPC): %s\n", strerror(errno));
            _exit(1);
        }
        if (write_text("/proc/self/setgroups", "deny") != 0) {
            if (errno == ENOENT)
                printf("child: /proc/self/setgroups does not exist, skipped\n");
            else {
                printf("child: write setgroups: %s\n", strerror(errno));
                _exit(1);
            }
        }
        if (write_text("/proc/self/gid_map", "0 65534 1") != 0 ||
            write_text("/proc/self/uid_map", "0 65534 1") != 0) {
            printf("child: writing the id maps: %s\n", strerror(errno));
            _exit(1);
        }
        try_raise("root in own user+IPC namespace");
        _exit(0);
    }
    int status;
    waitpid(pid, &status, 0);
    return 0;
}
