// Fault: looking up /proc/self/fd/N or /proc/self/fdinfo/N with lstat or stat
// takes a reference to the file and never drops it (the leak gVisor's
// ProcFDReleasesFile guards against): here, a duplicate of N kept open.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void leak(const char* path) {
    const char* n = NULL;
    if (strncmp(path, "/proc/self/fd/", 14) == 0) n = path + 14;
    if (strncmp(path, "/proc/self/fdinfo/", 18) == 0) n = path + 18;
    if (n) fcntl(atoi(n), F_DUPFD_CLOEXEC, 100);
}

#define STAT_SHIM(name, type)                                                    \
    int name(const char* path, type* st) {                                       \
        leak(path);                                                              \
        return ((int (*)(const char*, type*))dlsym(RTLD_NEXT, #name))(path, st); \
    }
STAT_SHIM(stat, struct stat)
STAT_SHIM(lstat, struct stat)
STAT_SHIM(stat64, struct stat64)
STAT_SHIM(lstat64, struct stat64)
