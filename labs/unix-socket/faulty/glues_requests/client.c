/* Lab "unix-socket", reference client: `client PATH` sends each line of its
 * standard input to the server, then shuts down its writing side, prints
 * every reply; exits 1 if fewer replies came than requests went. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

/* write() on a stream socket may take less than asked: write it all. */
static int write_all(int fd, const char *buf, size_t len)
{
    while (len > 0) {
        ssize_t n = write(fd, buf, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return -1;
        buf += n;
        len -= (size_t)n;
    }
    return 0;
}

int main(int argc, char *argv[])
{
    struct sockaddr_un addr = {.sun_family = AF_UNIX};
    if (argc != 2 || strlen(argv[1]) >= sizeof addr.sun_path) {
        fprintf(stderr, "usage: %s PATH (shorter than %zu bytes)\n", argv[0], sizeof addr.sun_path);
        return 2;
    }
    signal(SIGPIPE, SIG_IGN); /* a server gone: write() fails with EPIPE instead */
    strcpy(addr.sun_path, argv[1]);
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);
    if (fd < 0 || connect(fd, (struct sockaddr *)&addr, sizeof addr) < 0) {
        perror(argv[1]);
        return 1;
    }
    char line[4096];
    unsigned long sent = 0, replies = 0;
    while (fgets(line, sizeof line, stdin)) {
        size_t len = strlen(line);
        if (line[len - 1] != '\n' && len + 1 < sizeof line)
            line[len++] = '\n'; /* a last line without its newline */
        if (write_all(fd, line, len) < 0) {
            perror("write");
            break;
        }
        sent++;
    }
    shutdown(fd, SHUT_WR); /* no more requests: the server reads end of file */

    char buf[4096];
    ssize_t n;
    while ((n = read(fd, buf, sizeof buf)) != 0) {
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            perror("read");
            break;
        }
        fwrite(buf, 1, (size_t)n, stdout);
        for (ssize_t i = 0; i < n; i++)
            replies += buf[i] == '\n';
    }
    close(fd);
    if (replies < sent) {
        fprintf(stderr, "client: the server closed the connection after %lu of %lu replies\n", replies, sent);
        return 1;
    }
    return 0;
}
