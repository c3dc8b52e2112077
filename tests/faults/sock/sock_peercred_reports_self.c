// Fault: SO_PEERCRED reports the caller's own pid, uid and gid instead of
// the peer's, as a careless emulation might.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <sys/socket.h>
#include <unistd.h>

int getsockopt(int fd, int level, int name, void* value, socklen_t* len) {
    int (*real)(int, int, int, void*, socklen_t*) = (int (*)(int, int, int, void*, socklen_t*))dlsym(RTLD_NEXT, "getsockopt");
    int r = real(fd, level, name, value, len);
    if (r == 0 && level == SOL_SOCKET && name == SO_PEERCRED && *len >= sizeof(struct ucred)) {
        struct ucred* cred = value;
        cred->pid = getpid();
        cred->uid = getuid();
        cred->gid = getgid();
    }
    return r;
}
