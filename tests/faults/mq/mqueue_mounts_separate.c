// Fault: each mount of the mqueue filesystem after the first is an instance
// of its own, empty (a tmpfs here), instead of showing the queues of the IPC
// namespace.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <string.h>
#include <sys/mount.h>

int mount(const char* source, const char* target, const char* type, unsigned long flags, const void* data) {
    static int (*real)(const char*, const char*, const char*, unsigned long, const void*);
    static int mqueue_mounts;
    if (!real)
        real = (int (*)(const char*, const char*, const char*, unsigned long, const void*))dlsym(RTLD_NEXT, "mount");
    if (type && strcmp(type, "mqueue") == 0 && mqueue_mounts++ > 0) return real("none", target, "tmpfs", flags, NULL);
    return real(source, target, type, flags, data);
}
