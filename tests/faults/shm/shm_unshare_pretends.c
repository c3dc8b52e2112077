// Fault: unshare(2) of an IPC namespace reports success and does nothing (as
// a sandbox without namespaces might pretend), so a "new" namespace is the old
// one and its segments are neither separate nor ended with it.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <sched.h>

int unshare(int flags) {
    if (flags & CLONE_NEWIPC) return 0;
    int (*real)(int) = (int (*)(int))dlsym(RTLD_NEXT, "unshare");
    return real(flags);
}
