// Fault: tgkill() ignores its thread group id and signals the tid wherever
// it is, as tkill() would.
#define _GNU_SOURCE
#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>

int tgkill(pid_t tgid, pid_t tid, int sig) {
    (void)tgid;
    return (int)syscall(SYS_tkill, tid, sig);
}
