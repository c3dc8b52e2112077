// For shims that change a call the signal cases make through syscall(2):
// defines syscall(), handing each call to shim_syscall(), which the including
// shim defines, with its six arguments and real_syscall() to pass it on.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdarg.h>
#include <sys/syscall.h>

static long real_syscall(long nr, long a, long b, long c, long d, long e, long f) {
    static long (*real)(long, ...) = 0;
    if (!real) real = (long (*)(long, ...))dlsym(RTLD_NEXT, "syscall");
    return real(nr, a, b, c, d, e, f);
}

static long shim_syscall(long nr, long a, long b, long c, long d, long e, long f);

long syscall(long nr, ...) {
    va_list ap;
    va_start(ap, nr);
    long a = va_arg(ap, long), b = va_arg(ap, long), c = va_arg(ap, long);
    long d = va_arg(ap, long), e = va_arg(ap, long), f = va_arg(ap, long);
    va_end(ap);
    return shim_syscall(nr, a, b, c, d, e, f);
}
