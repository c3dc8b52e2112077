// Fault: shm_unlink reports success and keeps the name, so the object stays
// reachable by name (the case's own clean-up unlinks the file directly).
#include "pshm_real.h"

int shm_unlink(const char* name) {
    (void)name;
    return 0;
}
