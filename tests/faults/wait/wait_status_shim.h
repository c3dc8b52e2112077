// For shims that change the status wait reports: defines waitpid() and
// wait4(), which pass each status they return through relayout(), defined by
// the including shim.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <sys/resource.h>
#include <sys/wait.h>

static int relayout(int status);

pid_t waitpid(pid_t pid, int* status, int options) {
    pid_t (*real)(pid_t, int*, int) = (pid_t(*)(pid_t, int*, int))dlsym(RTLD_NEXT, "waitpid");
    pid_t r = real(pid, status, options);
    if (r > 0 && status) *status = relayout(*status);
    return r;
}

pid_t wait4(pid_t pid, int* status, int options, struct rusage* usage) {
    pid_t (*real)(pid_t, int*, int, struct rusage*) =
        (pid_t(*)(pid_t, int*, int, struct rusage*))dlsym(RTLD_NEXT, "wait4");
    pid_t r = real(pid, status, options, usage);
    if (r > 0 && status) *status = relayout(*status);
    return r;
}
