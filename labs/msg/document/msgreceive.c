/* The document's §3.3 receiver, rewritten from its description with its
 * behaviour kept: key 1234, receives messages of any type (type 0) into a
 * BUFSIZ buffer, prints "You wrote: " and the text, stops after "end", then
 * removes the queue. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/msg.h>
#include <unistd.h>

struct msg_st {
    long int msg_type;
    char text[BUFSIZ];
};

int main(void) {
    int running = 1;
    struct msg_st data;
    long int wanted_type = 0;
    int msgid = msgget((key_t)1234, 0666 | IPC_CREAT);
    if (msgid == -1) {
        fprintf(stderr, "msgget failed with error: %d\n", errno);
        exit(EXIT_FAILURE);
    }
    while (running) {
        if (msgrcv(msgid, (void *)&data, BUFSIZ, wanted_type, 0) == -1) {
            fprintf(stderr, "msgrcv failed with errno: %d\n", errno);
            exit(EXIT_FAILURE);
        }
        printf("You wrote: %s\n", data.text);
        if (strncmp(data.text, "end", 3) == 0) running = 0;
    }
    if (msgctl(msgid, IPC_RMID, 0) == -1) {
        fprintf(stderr, "msgctl(IPC_RMID) failed\n");
        exit(EXIT_FAILURE);
    }
    exit(EXIT_SUCCESS);
}
