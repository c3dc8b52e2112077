// Fault: SO_PEERCRED reports the peer's uid in the gid field too (a copy
// and paste slip in an emulation layer); invisible when the two are equal.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <sys/socket.h>

int getsockopt(int fd, int level, int name, void* value, socklen_t* len) {
    int (*real)(int, int, int, void*, socklen_t*) = (int (*)(int, int, int, void*, socklen_t*))dlsym(RTLD_NEXT, "getsockopt");
    int r = real(fd, level, name, value, len);
    if (r == 0 && level == SOL_SOCKET && name == SO_PEERCRED && *len >= sizeof(struct ucred)) {
        struct ucred* cred = value;
        cred->gid = cred->uid;
    }
    return r;
}
