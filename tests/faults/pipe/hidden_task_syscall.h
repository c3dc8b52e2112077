// For shims that make the cases observe blocking the way they must under
// gVisor: /proc/PID/syscall and /proc/PID/wchan (and the task/TID ones) do
// not exist, so the harness falls back to the task's state held through the
// observation window. The including shim then breaks the behaviour; the
// cases must still fail.
#define _GNU_SOURCE
#include <errno.h>
#include <string.h>

#include "open_shim.h"

static int is_task_syscall_file(const char* path) {
    size_t n = strlen(path);
    return strncmp(path, "/proc/", 6) == 0 &&
           ((n > 8 && strcmp(path + n - 8, "/syscall") == 0) || (n > 6 && strcmp(path + n - 6, "/wchan") == 0));
}

static int shim_open(const char* path, int flags, int mode, real_open_t real) {
    if (is_task_syscall_file(path)) {
        errno = ENOENT;
        return -1;
    }
    return real(path, flags, mode);
}
