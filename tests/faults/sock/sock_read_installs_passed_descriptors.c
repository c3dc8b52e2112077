// Fault: read() of a socket is a recvmsg() with room for descriptors, which
// are installed and kept (leaked) instead of being closed with the data.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

ssize_t read(int fd, void* buf, size_t len) {
    ssize_t (*real)(int, void*, size_t) = (ssize_t(*)(int, void*, size_t))dlsym(RTLD_NEXT, "read");
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISSOCK(st.st_mode)) return real(fd, buf, len);
    ssize_t (*real_recvmsg)(int, struct msghdr*, int) =
        (ssize_t(*)(int, struct msghdr*, int))dlsym(RTLD_NEXT, "recvmsg");
    struct iovec iov = {buf, len};
    char control[CMSG_SPACE(16 * sizeof(int))];
    struct msghdr msg = {0};
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    msg.msg_control = control;
    msg.msg_controllen = sizeof control;
    return real_recvmsg(fd, &msg, 0);
}
