/* Uses the network: the host's loopback, where the grading test listens; a
 * routable address; the port the test holds, to listen on it; and AF_UNIX
 * sockets (a socket file in its directory, an abstract name), which a
 * socket lab needs and must keep. */
#include "hostile.h" /* first: it asks for the GNU names */

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stddef.h>
#include <sys/socket.h>
#include <sys/un.h>

static int tcp_connect(const char* ip, int port) {
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(port)};
    inet_pton(AF_INET, ip, &a.sin_addr);
    int s = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    int ok = s >= 0 && (connect(s, (struct sockaddr*)&a, sizeof a) == 0 || errno == EINPROGRESS);
    if (s >= 0) close(s);
    return ok;
}

/* A listening AF_UNIX socket at addr, and a client connected to it. */
static int unix_pair(const struct sockaddr_un* addr, socklen_t len) {
    int server = socket(AF_UNIX, SOCK_STREAM, 0), client = socket(AF_UNIX, SOCK_STREAM, 0);
    int ok = server >= 0 && client >= 0 && bind(server, (const struct sockaddr*)addr, len) == 0 &&
             listen(server, 1) == 0 && connect(client, (const struct sockaddr*)addr, len) == 0;
    close(server);
    close(client);
    return ok;
}

int main(void) {
    char what[128];
    snprintf(what, sizeof what, "connect 127.0.0.1:%d (the host's loopback)", HOST_PORT);
    tried(tcp_connect("127.0.0.1", HOST_PORT), what);
    tried(tcp_connect("1.1.1.1", 53), "connect 1.1.1.1:53 (a route out)");

    struct sockaddr_in any = {.sin_family = AF_INET, .sin_port = htons(HOST_PORT)};
    int s = socket(AF_INET, SOCK_STREAM, 0);
    snprintf(what, sizeof what, "listen on *:%d (the host holds it)", HOST_PORT);
    tried(s >= 0 && bind(s, (struct sockaddr*)&any, sizeof any) == 0 && listen(s, 1) == 0, what);
    close(s);

    struct sockaddr_un file = {.sun_family = AF_UNIX, .sun_path = "demo.sock"};
    tried(unix_pair(&file, sizeof file), "AF_UNIX socket file in its directory");
    unlink("demo.sock");
    struct sockaddr_un abstract = {.sun_family = AF_UNIX, .sun_path = "\0" MARK};
    tried(unix_pair(&abstract, offsetof(struct sockaddr_un, sun_path) + 1 + strlen(MARK)), "AF_UNIX abstract name");
    return behave();
}
