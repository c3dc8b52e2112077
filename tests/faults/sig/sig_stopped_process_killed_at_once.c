// Fault: a fatal signal sent to a stopped process ends the stop at once (it
// is followed by SIGCONT), as if only SIGKILL were not special.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

static int is_stopped(pid_t pid) {
    char path[64], line[256];
    snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
    FILE* f = fopen(path, "r");
    if (!f) return 0;
    int stopped = 0;
    if (fgets(line, sizeof line, f)) {
        char* close = strrchr(line, ')');
        stopped = close && close[1] == ' ' && close[2] == 'T';
    }
    fclose(f);
    return stopped;
}

int kill(pid_t pid, int sig) {
    int (*real)(pid_t, int) = (int (*)(pid_t, int))dlsym(RTLD_NEXT, "kill");
    int stopped = pid > 0 && sig == SIGTERM && is_stopped(pid);
    int r = real(pid, sig);
    if (r == 0 && stopped) real(pid, SIGCONT);
    return r;
}
