/* SOCK-06 check. Build: cc -o /tmp/sock_peercred sock_peercred.c; run as root: /tmp/sock_peercred (and under runsc ... do /tmp/sock_peercred) */
#define _GNU_SOURCE
#include <grp.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

static void show(const char* who, int fd) {
    struct ucred c;
    socklen_t l = sizeof c;
    getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &c, &l);
    printf("%s (pid %d uid %d): SO_PEERCRED says pid %d uid %d gid %d\n", who, getpid(), getuid(), c.pid, c.uid, c.gid);
}

int main(void) {
    setvbuf(stdout, NULL, _IONBF, 0);
    struct sockaddr_un a = {AF_UNIX};
    snprintf(a.sun_path + 1, sizeof a.sun_path - 1, "peercred-check-%d", getpid());
    socklen_t len = offsetof(struct sockaddr_un, sun_path) + 1 + strlen(a.sun_path + 1);
    int l = socket(AF_UNIX, SOCK_STREAM, 0);
    bind(l, (struct sockaddr*)&a, len);
    listen(l, 1);
    fflush(stdout);
    pid_t c = fork();
    if (c == 0) { /* the client: another process, another uid */
        setgroups(0, NULL);
        setgid(65533);
        setuid(65534);
        int s = socket(AF_UNIX, SOCK_STREAM, 0);
        connect(s, (struct sockaddr*)&a, len);
        show("client", s);
        fflush(stdout);
        char x;
        read(s, &x, 1);
        _exit(0);
    }
    int s = accept(l, NULL, NULL);
    show("server", s);
    fflush(stdout);
    write(s, "x", 1);
    waitpid(c, NULL, 0);
    return 0;
}
