// Fault: unshare() ignores CLONE_NEWNET: the caller stays in its network
// namespace (and so keeps seeing its abstract names) while told it left.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <sched.h>

int unshare(int flags) {
    int (*real)(int) = (int (*)(int))dlsym(RTLD_NEXT, "unshare");
    return real(flags & ~CLONE_NEWNET);
}
