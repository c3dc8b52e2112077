/* Holds what a neighbour graded next could wait for: a System V semaphore
 * of a fixed key at 0 (whoever takes it waits), flock and fcntl locks on a
 * file every submission can open, all kept by a daemon of its own that
 * outlives it. */
#include "hostile.h" /* first: it asks for the GNU names */

#include <sys/file.h>
#include <sys/sem.h>

int main(void) {
    pid_t daemon = fork();
    if (daemon == 0) {
        setsid();
        tried(semget(LOCK_KEY, 1, IPC_CREAT | 0666) >= 0, "semget(LOCK_KEY): a semaphore at 0, never given");
        int fd = open("/etc/passwd", O_RDONLY);
        tried(fd >= 0 && flock(fd, LOCK_EX) == 0, "flock(LOCK_EX) /etc/passwd");
        struct flock lock = {.l_type = F_RDLCK, .l_whence = SEEK_SET};
        tried(fd >= 0 && fcntl(fd, F_SETLK, &lock) == 0, "fcntl(F_RDLCK) /etc/passwd");
        for (;;) pause();
    }
    tried(daemon > 0, "a daemon that keeps them");
    return behave();
}
