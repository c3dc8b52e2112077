/* SEM-04 check. Build: cc -o /tmp/sem_undo sem_undo.c; run: /tmp/sem_undo (and under runsc ... do /tmp/sem_undo) */
#include <signal.h>
#include <stdio.h>
#include <sys/sem.h>
#include <sys/wait.h>
#include <unistd.h>

/* a child takes the semaphore (value 1 -> 0) with SEM_UNDO, then ends; what is the value after? */
static void round_(int sem, int killed) {
    int ready[2];
    pipe(ready);
    semctl(sem, 0, SETVAL, 1);
    pid_t c = fork();
    if (c == 0) {
        struct sembuf take = {0, -1, SEM_UNDO};
        semop(sem, &take, 1);
        write(ready[1], "x", 1);
        if (killed) pause();
        _exit(0);
    }
    char x;
    read(ready[0], &x, 1);
    if (killed) kill(c, SIGKILL);
    waitpid(c, NULL, 0);
    printf("holder %s: semval after = %d (%s)\n", killed ? "killed by SIGKILL" : "exited normally",
           semctl(sem, 0, GETVAL), semctl(sem, 0, GETVAL) == 1 ? "undone" : "NOT undone");
    close(ready[0]);
    close(ready[1]);
}

int main(void) {
    setvbuf(stdout, NULL, _IONBF, 0);
    int sem = semget(IPC_PRIVATE, 1, 0600);
    if (sem < 0) return perror("semget"), 2;
    round_(sem, 0);
    round_(sem, 1);
    semctl(sem, 0, IPC_RMID);
    return 0;
}
