/* Lab "msg", FAULTY (leaks the queue: never removes it); otherwise the reference: creates the queue, prints each line it
 * receives, and after "end" removes the queue. */
#include <stdio.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include "msg_lab.h"

int main(void) {
    int id = msgget(ftok(QUEUE_KEY_PATH, QUEUE_KEY_ID), 0600 | IPC_CREAT);
    if (id == -1) {
        perror("msgget");
        return 1;
    }
    struct line_msg m;
    int running = 1;
    while (running) {
        ssize_t n = msgrcv(id, &m, sizeof m.text - 1, 0, 0);
        if (n == -1) {
            perror("msgrcv");
            msgctl(id, IPC_RMID, NULL);
            return 1;
        }
        m.text[n] = '\0';
        printf("You wrote: %s\n", m.text);
        fflush(stdout);
        running = strcmp(m.text, "end") != 0;
    }
    return 0;
}
