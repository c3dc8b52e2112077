/* SHM-16 check. Build: cc -o /tmp/shm_perm shm_perm.c; run as root: /tmp/shm_perm (and under runsc ... do /tmp/shm_perm) */
#include <errno.h>
#include <grp.h>
#include <stdio.h>
#include <string.h>
#include <sys/shm.h>
#include <sys/wait.h>
#include <unistd.h>

static const char* res(int r) { return r < 0 ? strerror(errno) : "ok"; }

int main(void) {
    setvbuf(stdout, NULL, _IONBF, 0);
    key_t key = 0x51600000 + (getpid() & 0xffff);
    int id = shmget(key, 4096, IPC_CREAT | IPC_EXCL | 0600);
    if (id < 0) return perror("shmget"), 2;
    printf("root made segment %d, mode 0600\n", id);
    if (fork() == 0) {
        setgroups(0, NULL);
        setgid(65534);
        setuid(65534);
        printf("as uid %d: shmget(key, 0, 0)    -> %s\n", getuid(), res(shmget(key, 0, 0)));
        printf("as uid %d: shmget(key, 0, 0600) -> %s\n", getuid(), res(shmget(key, 0, 0600)));
        printf("as uid %d: shmctl(IPC_RMID)     -> %s\n", getuid(), res(shmctl(id, IPC_RMID, NULL)));
        _exit(0);
    }
    wait(NULL);
    struct shmid_ds ds;
    printf("root afterwards: IPC_STAT         -> %s\n", res(shmctl(id, IPC_STAT, &ds)));
    shmctl(id, IPC_RMID, NULL);
    return 0;
}
