/* SOCK-04 check. Build: cc -o /tmp/sock_rdhup sock_rdhup.c; run: /tmp/sock_rdhup (and under runsc ... do /tmp/sock_rdhup) */
#define _GNU_SOURCE
#include <poll.h>
#include <stdio.h>
#include <sys/socket.h>
#include <unistd.h>

int main(void) {
    int types[] = {SOCK_STREAM, SOCK_SEQPACKET};
    for (int i = 0; i < 2; i++) {
        int sv[2];
        socketpair(AF_UNIX, types[i], 0, sv);
        shutdown(sv[0], SHUT_WR);
        struct pollfd p = {sv[1], POLLIN | POLLRDHUP, 0};
        poll(&p, 1, 0);
        printf("%s: peer shut down writing; poll(POLLIN|POLLRDHUP) revents = 0x%x:%s%s%s\n",
               i ? "SOCK_SEQPACKET" : "SOCK_STREAM", p.revents, p.revents & POLLIN ? " POLLIN" : "",
               p.revents & POLLRDHUP ? " POLLRDHUP" : "", p.revents & POLLHUP ? " POLLHUP" : "");
        close(sv[0]);
        close(sv[1]);
    }
    return 0;
}
