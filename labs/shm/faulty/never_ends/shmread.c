/* Lab "shm", FAULTY (never ends: compares with "end\\n", but the line has no newline); otherwise the reference: creates the segment, prints each line the
 * writer passes, and after "end" removes the segment. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/shm.h>
#include "shm_lab.h"

int main(void) {
    key_t key = ftok(CHANNEL_KEY_PATH, CHANNEL_KEY_ID);
    int id = shmget(key, sizeof(struct channel), 0600 | IPC_CREAT);
    if (id == -1) {
        perror("shmget");
        return 1;
    }
    struct channel *ch = shmat(id, NULL, 0);
    if (ch == (void *)-1) {
        perror("shmat");
        shmctl(id, IPC_RMID, NULL);
        return 1;
    }
    sem_init(&ch->full, 1, 0);
    sem_init(&ch->empty, 1, 1);
    __atomic_store_n(&ch->ready, 1, __ATOMIC_RELEASE);
    int running = 1;
    while (running) {
        while (sem_wait(&ch->full) == -1) {
        }
        printf("You wrote: %s\n", ch->text);
        fflush(stdout);
        running = strcmp(ch->text, "end\n") != 0;
        sem_post(&ch->empty);
    }
    shmdt(ch);
    if (shmctl(id, IPC_RMID, NULL) == -1) {
        perror("shmctl(IPC_RMID)");
        return 1;
    }
    return 0;
}
