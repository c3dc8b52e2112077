/* Lab "unix-socket". Fault: no socket. `client PATH` writes the requests
 * into the FIFO PATH and reads the replies from the FIFO PATH.reply. */
#include <stdio.h>
#include <string.h>

int main(int argc, char *argv[])
{
    char reply_path[256];
    if (argc != 2 || snprintf(reply_path, sizeof reply_path, "%s.reply", argv[1]) >= (int)sizeof reply_path) {
        fprintf(stderr, "usage: %s PATH\n", argv[0]);
        return 2;
    }
    FILE *requests = fopen(argv[1], "w");
    FILE *replies = fopen(reply_path, "r");
    if (!requests || !replies) {
        perror("fopen");
        return 1;
    }
    char line[4096];
    unsigned long sent = 0, got = 0;
    while (fgets(line, sizeof line, stdin)) {
        fputs(line, requests);
        sent++;
    }
    fclose(requests);
    while (fgets(line, sizeof line, replies)) {
        fputs(line, stdout);
        got++;
    }
    fclose(replies);
    return got < sent;
}
