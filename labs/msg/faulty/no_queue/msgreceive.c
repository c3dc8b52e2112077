/* Lab "msg", FAULTY (does not use the queue: the lines go through a FIFO;
 * the queue is only created and removed, for show). */
#include <stdio.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/stat.h>
#include <unistd.h>
#include "msg_lab.h"

int main(void) {
    mkfifo("lines.fifo", 0600);
    int id = msgget(ftok(QUEUE_KEY_PATH, QUEUE_KEY_ID), 0600 | IPC_CREAT);
    FILE *in = fopen("lines.fifo", "r");
    char line[LINE_MAX_BYTES];
    while (in && fgets(line, sizeof line, in)) {
        line[strcspn(line, "\n")] = '\0';
        printf("You wrote: %s\n", line);
        if (strcmp(line, "end") == 0) break;
    }
    unlink("lines.fifo");
    msgctl(id, IPC_RMID, NULL);
    return 0;
}
