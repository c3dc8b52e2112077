// Fault: an exit code outside 0..255 is clamped to 255 instead of keeping its
// low 8 bits (exit(256) would read as 255, not 0).
#define _GNU_SOURCE
#include <dlfcn.h>
#include <unistd.h>

void _exit(int code) {
    void (*real)(int) = (void (*)(int))dlsym(RTLD_NEXT, "_exit");
    real(code < 0 || code > 255 ? 255 : code);
    for (;;) {
    }
}
