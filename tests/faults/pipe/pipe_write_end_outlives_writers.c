// Fault: the write end of every pipe() lives on in a helper process (an
// emulation whose proxy keeps a copy of each descriptor), so killing every
// writer does not release the pipe: the reader never sees end of file. The
// helper dies with the process that made the pipe.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <signal.h>
#include <sys/prctl.h>
#include <unistd.h>

int pipe(int fds[2]) {
    int rc = ((int (*)(int*))dlsym(RTLD_NEXT, "pipe"))(fds);
    if (rc != 0) return rc;
    pid_t parent = getpid();
    if (fork() == 0) {
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (getppid() != parent) _exit(0);
        close(fds[0]);
        for (;;) pause();  // holds fds[1]
    }
    return 0;
}
