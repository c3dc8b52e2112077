/* MSG-06 check. Build: cc -o /tmp/msg_negtype msg_negtype.c; run: /tmp/msg_negtype (and under runsc ... do /tmp/msg_negtype) */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/msg.h>

struct m { long type; char text[8]; };

int main(void) {
    int q = msgget(IPC_PRIVATE, 0600);
    if (q < 0) return perror("msgget"), 2;
    long types[] = {3, 1, 2, 4};
    for (int i = 0; i < 4; i++) {
        struct m s = {types[i], ""};
        snprintf(s.text, sizeof s.text, "t%ld", types[i]);
        msgsnd(q, &s, sizeof s.text, 0);
    }
    printf("sent types 3 1 2 4; msgrcv(msgtyp = -3, IPC_NOWAIT) until it fails:\n");
    for (;;) {
        struct m r;
        if (msgrcv(q, &r, sizeof r.text, -3, IPC_NOWAIT) < 0) {
            printf("  -1 %s\n", strerror(errno));
            break;
        }
        printf("  got type %ld\n", r.type);
    }
    msgctl(q, IPC_RMID, NULL);
    return 0;
}
