// Fault: sigqueue() is implemented with kill(), as on a system without
// rt_sigqueueinfo: the value is lost and si_code says SI_USER, not SI_QUEUE.
#define _GNU_SOURCE
#include <signal.h>

int sigqueue(pid_t pid, int sig, const union sigval value) {
    (void)value;
    return kill(pid, sig);
}
