// Fault: memcpy(3) moves one byte at a time, as under an emulation or
// instrumentation layer that replaces the C library's string functions with
// naive loops. A shared memory ring copies through memcpy in user space, while
// a pipe's and a socket's copies happen in the kernel: the ring loses its lead.
#include <stddef.h>

void* memcpy(void* restrict dst, const void* restrict src, size_t n) {
    volatile unsigned char* d = dst;
    const volatile unsigned char* s = src;
    for (size_t i = 0; i < n; ++i) d[i] = s[i];
    return dst;
}
