// For shims that change what SO_PEERCRED reports: getsockopt() is the real
// one, then the including shim's alter_peercred() edits the credentials.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <sys/socket.h>

static void alter_peercred(struct ucred* cred);

int getsockopt(int fd, int level, int name, void* value, socklen_t* len) {
    int (*real)(int, int, int, void*, socklen_t*) =
        (int (*)(int, int, int, void*, socklen_t*))dlsym(RTLD_NEXT, "getsockopt");
    int r = real(fd, level, name, value, len);
    if (r == 0 && level == SOL_SOCKET && name == SO_PEERCRED && *len >= sizeof(struct ucred)) alter_peercred(value);
    return r;
}
