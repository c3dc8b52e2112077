/* Lab "shm", reference solution: attaches the reader's segment and passes it
 * each line of standard input, one at a time, until "end". */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/shm.h>
#include <unistd.h>
#include "shm_lab.h"

int main(void) {
    key_t key = ftok(CHANNEL_KEY_PATH, CHANNEL_KEY_ID);
    int id = shmget(key, sizeof(struct channel), 0600);
    if (id == -1) {
        perror("shmget (start shmread first)");
        return 1;
    }
    struct channel *ch = shmat(id, NULL, 0);
    if (ch == (void *)-1) {
        perror("shmat");
        return 1;
    }
    while (!__atomic_load_n(&ch->ready, __ATOMIC_ACQUIRE)) usleep(1000);
    char line[LINE_MAX_BYTES];
    int running = 1;
    while (running) {
        if (!fgets(line, sizeof line, stdin)) strcpy(line, "end");
        line[strcspn(line, "\n")] = '\0';
        while (sem_wait(&ch->empty) == -1) {
        }
        strcpy(ch->text, line);
        sem_post(&ch->full);
        running = strcmp(line, "end") != 0;
    }
    shmdt(ch);
    return 0;
}
