/* The document's §3.3 sender, rewritten from its description with its
 * behaviour kept: key 1234, prompts, reads a line (newline included), sends
 * it as a message of type 1 with a 512-byte text, stops after "end", and
 * sleeps 1 s after each message. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/msg.h>
#include <unistd.h>

#define MAX_TEXT 512
struct msg_st {
    long int msg_type;
    char text[MAX_TEXT];
};

int main(void) {
    int running = 1;
    struct msg_st data;
    char buffer[BUFSIZ];
    int msgid = msgget((key_t)1234, 0666 | IPC_CREAT);
    if (msgid == -1) {
        fprintf(stderr, "msgget failed with error: %d\n", errno);
        exit(EXIT_FAILURE);
    }
    while (running) {
        printf("Enter some text: ");
        fgets(buffer, BUFSIZ, stdin);
        data.msg_type = 1;
        strncpy(data.text, buffer, MAX_TEXT - 1);
        data.text[MAX_TEXT - 1] = '\0';
        if (msgsnd(msgid, (void *)&data, MAX_TEXT, 0) == -1) {
            fprintf(stderr, "msgsnd failed\n");
            exit(EXIT_FAILURE);
        }
        if (strncmp(buffer, "end", 3) == 0) running = 0;
        sleep(1);
    }
    exit(EXIT_SUCCESS);
}
