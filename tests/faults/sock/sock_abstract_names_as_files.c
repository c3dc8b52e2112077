// Fault: abstract socket names (a leading NUL byte) are emulated with socket
// files of the same name in the current directory, as on systems without an
// abstract namespace: a file appears, and an unheld name gives ENOENT.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stddef.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>

static socklen_t as_file(const struct sockaddr* addr, socklen_t len, struct sockaddr_un* out) {
    const struct sockaddr_un* un = (const struct sockaddr_un*)addr;
    size_t base = offsetof(struct sockaddr_un, sun_path);
    if (!addr || addr->sa_family != AF_UNIX || len <= base + 1 || un->sun_path[0] != '\0') return 0;
    size_t name = len - base - 1;
    memset(out, 0, sizeof *out);
    out->sun_family = AF_UNIX;
    memcpy(out->sun_path, un->sun_path + 1, name);
    return (socklen_t)(base + name + 1);
}

int bind(int fd, const struct sockaddr* addr, socklen_t len) {
    int (*real)(int, const struct sockaddr*, socklen_t) =
        (int (*)(int, const struct sockaddr*, socklen_t))dlsym(RTLD_NEXT, "bind");
    struct sockaddr_un file;
    socklen_t n = as_file(addr, len, &file);
    return n ? real(fd, (struct sockaddr*)&file, n) : real(fd, addr, len);
}

int connect(int fd, const struct sockaddr* addr, socklen_t len) {
    int (*real)(int, const struct sockaddr*, socklen_t) =
        (int (*)(int, const struct sockaddr*, socklen_t))dlsym(RTLD_NEXT, "connect");
    struct sockaddr_un file;
    socklen_t n = as_file(addr, len, &file);
    return n ? real(fd, (struct sockaddr*)&file, n) : real(fd, addr, len);
}
