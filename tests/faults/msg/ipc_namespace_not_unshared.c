// Fault: unshare(CLONE_NEWIPC) reports success but leaves the caller in its
// IPC namespace, as a sandbox that fakes namespaces would: System V objects
// stay shared with the old namespace.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <sched.h>

int unshare(int flags) {
    static int (*real)(int);
    if (!real) real = (int (*)(int))dlsym(RTLD_NEXT, "unshare");
    flags &= ~CLONE_NEWIPC;
    return flags ? real(flags) : 0;
}
