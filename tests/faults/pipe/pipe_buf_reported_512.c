// Fault: fpathconf(_PC_PIPE_BUF) reports POSIX's minimum, 512, instead of
// Linux's 4096 (as a layer that keeps only its own writes of 512 bytes whole
// might): a program sizing its atomic writes by it learns the wrong limit.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <unistd.h>

long fpathconf(int fd, int name) {
    long (*real)(int, int) = (long (*)(int, int))dlsym(RTLD_NEXT, "fpathconf");
    return name == _PC_PIPE_BUF ? 512 : real(fd, name);
}
