// For shims that make the cases observe signals the way they must under
// gVisor: /proc/PID/status (and /proc/PID/task/TID/status) read without its
// signal lines (SigQ, SigPnd, ShdPnd, SigBlk, SigIgn, SigCgt), so the harness
// falls back to the syscalls or to a process's own report. The including
// shim then breaks that fallback source; the cases must still fail.
#include "../pipe/open_shim.h"

#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static int is_proc_status(const char* path) {
    size_t n = strlen(path);
    return strncmp(path, "/proc/", 6) == 0 && n > 13 && strcmp(path + n - 7, "/status") == 0;
}

static int is_signal_line(const char* line) {
    static const char* const names[] = {"SigQ:", "SigPnd:", "ShdPnd:", "SigBlk:", "SigIgn:", "SigCgt:"};
    for (unsigned i = 0; i < sizeof names / sizeof names[0]; ++i)
        if (strncmp(line, names[i], strlen(names[i])) == 0) return 1;
    return 0;
}

// The file's text without its signal lines, in a memfd at offset 0.
static int without_signal_lines(int fd, int flags) {
    static char text[65536];
    ssize_t got = 0, n;
    while (got < (ssize_t)sizeof text - 1 && (n = read(fd, text + got, sizeof text - 1 - (size_t)got)) > 0) got += n;
    close(fd);
    if (n < 0) return -1;
    text[got] = '\0';
    int out = memfd_create("status", (flags & O_CLOEXEC) ? MFD_CLOEXEC : 0);
    if (out < 0) return -1;
    for (char* line = text; *line;) {
        char* end = strchr(line, '\n');
        size_t len = end ? (size_t)(end - line) + 1 : strlen(line);
        if (!is_signal_line(line)) (void)!write(out, line, len);
        line += len;
    }
    lseek(out, 0, SEEK_SET);
    return out;
}

static int shim_open(const char* path, int flags, int mode, real_open_t real) {
    int fd = real(path, flags, mode);
    return fd >= 0 && is_proc_status(path) ? without_signal_lines(fd, flags) : fd;
}
