/* Lab "msg", reference solution: sends each line of standard input to the
 * receiver's queue, until "end". */
#include <stdio.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include "msg_lab.h"

int main(void) {
    int id = msgget(ftok(QUEUE_KEY_PATH, QUEUE_KEY_ID), 0600);
    if (id == -1) {
        perror("msgget (start msgreceive first)");
        return 1;
    }
    struct line_msg m = {.mtype = LINE_TYPE};
    int running = 1;
    while (running) {
        if (!fgets(m.text, sizeof m.text, stdin)) strcpy(m.text, "end");
        m.text[strcspn(m.text, "\n")] = '\0';
        if (msgsnd(id, &m, strlen(m.text), 0) == -1) {
            perror("msgsnd");
            return 1;
        }
        running = strcmp(m.text, "end") != 0;
    }
    return 0;
}
