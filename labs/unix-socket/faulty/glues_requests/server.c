/* Lab "unix-socket". Fault: takes what one read() returns for one request, so
 * requests that arrive together are answered as one.
 * Otherwise as the reference server: `server PATH` answers each request
 * line of one client with "N: THE LINE IN CAPITALS", then removes PATH. */
#include <ctype.h>
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
    signal(SIGPIPE, SIG_IGN); /* a client gone: write() fails with EPIPE instead */
    strcpy(addr.sun_path, argv[1]);
    int listener = socket(AF_UNIX, SOCK_STREAM, 0);
    if (listener < 0 || bind(listener, (struct sockaddr *)&addr, sizeof addr) < 0 || listen(listener, 1) < 0) {
        perror(argv[1]);
        return 1;
    }
    int status = 0;
    int conn = accept(listener, NULL, NULL);
    close(listener);
    if (conn < 0) {
        perror("accept");
        status = 1;
    } else {
        char buf[4096];
        unsigned long count = 0;
        ssize_t n;
        /* One read(), one request: wrong when requests arrive together. */
        while ((n = read(conn, buf, sizeof buf - 1)) > 0) {
            char reply[4200];
            buf[n] = '\0';
            if (buf[n - 1] == '\n')
                buf[n - 1] = '\0';
            for (char *c = buf; *c; c++)
                *c = (char)toupper((unsigned char)*c);
            int len = snprintf(reply, sizeof reply, "%lu: %s\n", ++count, buf);
            if (write_all(conn, reply, (size_t)len) < 0)
                break;
        }
        close(conn);
    }
    unlink(argv[1]);
    return status;
}
