// Fault: shm_open accepts a name with a slash after its leading one, mapping
// every inner slash to '_' (as a layer that flattens names might).
#include <string.h>

#include "pshm_real.h"

int shm_open(const char* name, int flags, mode_t mode) {
    char flat[256];
    size_t n = strlen(name);
    if (n == 0 || n >= sizeof flat || strchr(name + 1, '/') == NULL) return real_shm_open(name, flags, mode);
    memcpy(flat, name, n + 1);
    for (size_t i = 1; i < n; ++i)
        if (flat[i] == '/') flat[i] = '_';
    return real_shm_open(flat, flags, mode);
}
