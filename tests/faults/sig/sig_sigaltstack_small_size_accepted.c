// Fault: sigaltstack() accepts a stack of any size (returns 0 without
// installing a too-small one) instead of failing with ENOMEM.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <signal.h>

int sigaltstack(const stack_t* ss, stack_t* old) {
    int (*real)(const stack_t*, stack_t*) = (int (*)(const stack_t*, stack_t*))dlsym(RTLD_NEXT, "sigaltstack");
    if (ss && (unsigned long)ss > 4096 && !(ss->ss_flags & SS_DISABLE) && ss->ss_size < 2048) {
        if (old) real(0, old);
        return 0;
    }
    return real(ss, old);
}
