// Fault: memfd_create ignores the name it is given, so /proc/self/fd shows
// every memfd as "/memfd: (deleted)".
#include "pshm_real.h"

int memfd_create(const char* name, unsigned flags) {
    (void)name;
    return real_memfd_create("", flags);
}
