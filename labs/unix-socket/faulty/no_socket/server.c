/* Lab "unix-socket". Fault: no socket. `server PATH` makes two FIFOs, PATH
 * for the requests and PATH.reply for the replies, answers each request line
 * with "N: THE LINE IN CAPITALS", then removes both. The output is right;
 * the mechanism is not the one asked for. */
#include <ctype.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int main(int argc, char *argv[])
{
    char reply_path[256];
    if (argc != 2 || snprintf(reply_path, sizeof reply_path, "%s.reply", argv[1]) >= (int)sizeof reply_path) {
        fprintf(stderr, "usage: %s PATH\n", argv[0]);
        return 2;
    }
    if (mkfifo(reply_path, 0600) < 0 || mkfifo(argv[1], 0600) < 0) {
        perror("mkfifo");
        return 1;
    }
    FILE *requests = fopen(argv[1], "r"); /* waits for the client */
    FILE *replies = fopen(reply_path, "w");
    if (!requests || !replies) {
        perror("fopen");
        return 1;
    }
    char line[4096];
    unsigned long count = 0;
    while (fgets(line, sizeof line, requests)) {
        line[strcspn(line, "\n")] = '\0';
        for (char *c = line; *c; c++)
            *c = (char)toupper((unsigned char)*c);
        fprintf(replies, "%lu: %s\n", ++count, line);
        fflush(replies);
    }
    fclose(requests);
    fclose(replies);
    unlink(argv[1]);
    unlink(reply_path);
    return 0;
}
