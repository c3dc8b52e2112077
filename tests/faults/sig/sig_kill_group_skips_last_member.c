// Fault: kill(-pgid) and kill(0) reach all of the group but its newest
// member (the highest pid), as a group walk that stops one short might.
#define _GNU_SOURCE
#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

int kill(pid_t pid, int sig) {
    int (*real)(pid_t, int) = (int (*)(pid_t, int))dlsym(RTLD_NEXT, "kill");
    if (pid > 0 || pid == -1 || sig == 0) return real(pid, sig);
    pid_t group = pid == 0 ? getpgrp() : -pid;
    pid_t members[256];
    int n = 0;
    pid_t newest = 0;
    DIR* proc = opendir("/proc");
    if (!proc) return real(pid, sig);
    struct dirent* e;
    while ((e = readdir(proc)) && n < 256) {
        pid_t p = (pid_t)atoi(e->d_name);
        if (p > 0 && getpgid(p) == group) {
            members[n++] = p;
            if (p > newest) newest = p;
        }
    }
    closedir(proc);
    if (n == 0) return real(pid, sig);
    for (int i = 0; i < n; ++i)
        if (members[i] != newest) real(members[i], sig);
    return 0;
}
