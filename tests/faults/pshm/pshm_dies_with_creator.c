// Fault: an object a process creates with shm_open(O_CREAT) is unlinked when
// that process exits, so it does not outlive its creator.
#include <stdlib.h>
#include <string.h>

#include "pshm_real.h"

static char created[8][256];

static void unlink_created(void) {
    for (int i = 0; i < 8; ++i)
        if (created[i][0]) real_shm_unlink(created[i]);
}

int shm_open(const char* name, int flags, mode_t mode) {
    int fd = real_shm_open(name, flags, mode);
    if (fd >= 0 && (flags & O_CREAT) && strlen(name) < 256) {
        static int registered;
        if (!registered) registered = atexit(unlink_created) == 0;
        for (int i = 0; i < 8; ++i)
            if (!created[i][0]) {
                strcpy(created[i], name);
                break;
            }
    }
    return fd;
}
