// Fault: sigwaitinfo() and sigtimedwait() return the signal but a siginfo
// without its sender (si_pid and si_uid 0, si_code SI_KERNEL).
#define _GNU_SOURCE
#include <dlfcn.h>
#include <signal.h>

static void scrub(siginfo_t* info) {
    if (!info) return;
    info->si_pid = 0;
    info->si_uid = 0;
    info->si_code = SI_KERNEL;
}

int sigwaitinfo(const sigset_t* set, siginfo_t* info) {
    int (*real)(const sigset_t*, siginfo_t*) = (int (*)(const sigset_t*, siginfo_t*))dlsym(RTLD_NEXT, "sigwaitinfo");
    int r = real(set, info);
    if (r > 0) scrub(info);
    return r;
}

int sigtimedwait(const sigset_t* set, siginfo_t* info, const struct timespec* timeout) {
    int (*real)(const sigset_t*, siginfo_t*, const struct timespec*) =
        (int (*)(const sigset_t*, siginfo_t*, const struct timespec*))dlsym(RTLD_NEXT, "sigtimedwait");
    int r = real(set, info, timeout);
    if (r > 0) scrub(info);
    return r;
}
