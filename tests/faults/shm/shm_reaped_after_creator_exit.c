// Fault: a little after a process that created segments exits, a reaper
// removes them (IPC_RMID): a segment seems to outlive its creator, but only
// for about 100 ms. The reaper is a detached grandchild forked at exit.
#include "shm_created.h"
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

__attribute__((destructor)) static void reap_later(void) {
    if (ncreated == 0 || syscall(SYS_fork) != 0) return;  // the creator goes on exiting
    if (syscall(SYS_fork) != 0) _exit(0);                 // detached: nobody waits for the reaper
    for (int fd = 0; fd < 1024; ++fd) close(fd);
    struct timespec delay = {0, 100 * 1000 * 1000};
    nanosleep(&delay, NULL);
    for (int i = 0; i < ncreated; ++i) shmctl(created[i], IPC_RMID, NULL);
    _exit(0);
}
