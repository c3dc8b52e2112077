/* The document's §2.4 reader, rewritten from its description with its
 * behaviour kept: key 1234, polls the flag once a second, prints
 * "You wrote: " and the text, sleeps rand()%3 s, clears the flag; after
 * "end" detaches and removes the segment. Completed so that it compiles
 * (string.h for strncmp). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/shm.h>
#include <unistd.h>
#include "shmdata.h"

int main(void) {
    int running = 1;
    int shmid = shmget((key_t)1234, sizeof(struct shared_use_st), 0666 | IPC_CREAT);
    if (shmid == -1) {
        fprintf(stderr, "shmget failed\n");
        exit(EXIT_FAILURE);
    }
    void *mem = shmat(shmid, 0, 0);
    if (mem == (void *)-1) {
        fprintf(stderr, "shmat failed\n");
        exit(EXIT_FAILURE);
    }
    printf("\nMemory attached at %lX\n", (unsigned long)mem);
    struct shared_use_st *shared = mem;
    shared->written = 0;
    while (running) {
        if (shared->written != 0) {
            printf("You wrote: %s", shared->text);
            sleep(rand() % 3);
            shared->written = 0;
            if (strncmp(shared->text, "end", 3) == 0) running = 0;
        } else {
            sleep(1);
        }
    }
    if (shmdt(mem) == -1) {
        fprintf(stderr, "shmdt failed\n");
        exit(EXIT_FAILURE);
    }
    if (shmctl(shmid, IPC_RMID, 0) == -1) {
        fprintf(stderr, "shmctl(IPC_RMID) failed\n");
        exit(EXIT_FAILURE);
    }
    exit(EXIT_SUCCESS);
}
