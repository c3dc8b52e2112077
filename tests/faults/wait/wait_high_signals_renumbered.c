// Fault: waitpid()/wait4() report a death by a signal above 31 (the real-time
// ones) two numbers too low, as a layer that maps the kernel's real-time
// signals onto a libc's SIGRTMIN (which skips two of them) might.
#include "wait_status_shim.h"

static int relayout(int status) {
    if (!WIFSIGNALED(status) || WTERMSIG(status) < 32) return status;
    return (status & ~0x7f) | (WTERMSIG(status) - 2);
}
