/* The document's §2.4 writer, rewritten from its description with its
 * behaviour kept: key 1234, waits (printing "Waiting...") while the flag
 * says the text is unread, prompts, copies a line of input into the
 * segment, sets the flag; after "end" detaches and sleeps 2 s. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/shm.h>
#include <unistd.h>
#include "shmdata.h"

int main(void) {
    int running = 1;
    char buffer[BUFSIZ + 1];
    int shmid = shmget((key_t)1234, sizeof(struct shared_use_st), 0666 | IPC_CREAT);
    if (shmid == -1) {
        fprintf(stderr, "shmget failed\n");
        exit(EXIT_FAILURE);
    }
    void *mem = shmat(shmid, (void *)0, 0);
    if (mem == (void *)-1) {
        fprintf(stderr, "shmat failed\n");
        exit(EXIT_FAILURE);
    }
    printf("Memory attached at %lX\n", (unsigned long)mem);
    struct shared_use_st *shared = mem;
    while (running) {
        while (shared->written == 1) {
            sleep(1);
            printf("Waiting...\n");
        }
        printf("Enter some text: ");
        fgets(buffer, BUFSIZ, stdin);
        strncpy(shared->text, buffer, TEXT_SZ);
        shared->written = 1;
        if (strncmp(buffer, "end", 3) == 0) running = 0;
    }
    if (shmdt(mem) == -1) {
        fprintf(stderr, "shmdt failed\n");
        exit(EXIT_FAILURE);
    }
    sleep(2);
    exit(EXIT_SUCCESS);
}
