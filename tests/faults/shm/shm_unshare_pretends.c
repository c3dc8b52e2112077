// Fault: unshare(2) of an IPC namespace reports success and leaves the caller
// where it was (as a sandbox without IPC namespaces might pretend; other
// namespaces asked for in the same call are still made), so a "new" IPC
// namespace is the old one and its segments are neither separate nor ended
// with it.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <sched.h>

int unshare(int flags) {
    int (*real)(int) = (int (*)(int))dlsym(RTLD_NEXT, "unshare");
    int rest = flags & ~CLONE_NEWIPC;
    return rest ? real(rest) : 0;
}
