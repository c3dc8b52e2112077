/* SOCK-03 check. Build: cc -o /tmp/sock_sigpipe sock_sigpipe.c; run: /tmp/sock_sigpipe (and under runsc ... do /tmp/sock_sigpipe) */
#include <errno.h>
#include <stddef.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

/* in a child with SIGPIPE at its default: send to a stream socket whose peer closed */
static void stream(int use_write) {
    int sv[2];
    socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
    close(sv[1]);
    pid_t c = fork();
    if (c == 0) {
        signal(SIGPIPE, SIG_DFL);
        ssize_t n = use_write ? write(sv[0], "x", 1) : send(sv[0], "x", 1, 0);
        _exit(n < 0 && errno == EPIPE ? 10 : 11);
    }
    int st;
    waitpid(c, &st, 0);
    if (WIFSIGNALED(st))
        printf("SOCK_STREAM %s to closed peer: child killed by signal %d (%s)\n", use_write ? "write()" : "send() ",
               WTERMSIG(st), strsignal(WTERMSIG(st)));
    else
        printf("SOCK_STREAM %s to closed peer: child %s\n", use_write ? "write()" : "send() ",
               WEXITSTATUS(st) == 10 ? "got EPIPE, no signal" : "other");
    close(sv[0]);
}

int main(void) {
    setvbuf(stdout, NULL, _IONBF, 0);
    stream(0);
    stream(1);
    /* datagram: connect to a bound socket, then the bound one closes */
    struct sockaddr_un a = {AF_UNIX};
    snprintf(a.sun_path + 1, sizeof a.sun_path - 1, "sigpipe-check-%d", getpid());
    socklen_t len = offsetof(struct sockaddr_un, sun_path) + 1 + strlen(a.sun_path + 1);
    int srv = socket(AF_UNIX, SOCK_DGRAM, 0), cli = socket(AF_UNIX, SOCK_DGRAM, 0);
    bind(srv, (struct sockaddr*)&a, len);
    connect(cli, (struct sockaddr*)&a, len);
    close(srv);
    signal(SIGPIPE, SIG_IGN);
    ssize_t n = send(cli, "x", 1, 0);
    printf("SOCK_DGRAM send() after the bound peer closed: %zd %s\n", n, n < 0 ? strerror(errno) : "");
    return 0;
}
