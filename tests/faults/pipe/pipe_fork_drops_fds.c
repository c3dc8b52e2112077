// Fault: a forked child does not inherit pipe descriptors (a sandbox that
// closes them in the child), so parent and child share no pipe.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <sys/stat.h>
#include <unistd.h>

pid_t fork(void) {
    pid_t (*real)(void) = (pid_t(*)(void))dlsym(RTLD_NEXT, "fork");
    pid_t pid = real();
    if (pid == 0) {
        struct stat st;
        for (int fd = 3; fd < 1024; ++fd)
            if (fstat(fd, &st) == 0 && S_ISFIFO(st.st_mode)) close(fd);
    }
    return pid;
}
