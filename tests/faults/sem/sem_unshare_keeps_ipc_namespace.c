// Fault: unshare(CLONE_NEWIPC) succeeds without making a new IPC namespace
// (a sandbox that ignores the flag): the caller keeps seeing the objects of
// the namespace it was in.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <sched.h>

int unshare(int flags) {
    int (*real)(int) = (int (*)(int))dlsym(RTLD_NEXT, "unshare");
    flags &= ~CLONE_NEWIPC;
    return flags ? real(flags) : 0;
}
