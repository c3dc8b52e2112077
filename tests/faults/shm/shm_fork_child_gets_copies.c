// Fault: after fork the child's inherited attachments are private copies
// (as if mapped MAP_PRIVATE): what the child writes through them never
// reaches the parent, nor the parent's writes the child. The child replaces
// every System V mapping /proc/self/maps lists by an anonymous copy.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static void copy_sysv_mappings(void) {
    FILE* maps = fopen("/proc/self/maps", "r");
    if (!maps) return;
    uintptr_t from[64], to[64];
    int n = 0;
    char line[512];
    while (n < 64 && fgets(line, sizeof line, maps))
        if (strstr(line, "/SYSV") && sscanf(line, "%lx-%lx", &from[n], &to[n]) == 2) ++n;
    fclose(maps);
    for (int i = 0; i < n; ++i) {
        size_t len = to[i] - from[i];
        void* copy = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (copy == MAP_FAILED) continue;
        memcpy(copy, (void*)from[i], len);
        mremap(copy, len, len, MREMAP_MAYMOVE | MREMAP_FIXED, (void*)from[i]);
    }
}

pid_t fork(void) {
    pid_t pid = ((pid_t(*)(void))dlsym(RTLD_NEXT, "fork"))();
    if (pid == 0) copy_sysv_mappings();
    return pid;
}
