// Fault: System V keys are private to each process (as a sandbox that
// namespaces keys per process might make them): shmget mixes the caller's pid
// into every key but IPC_PRIVATE, so processes agreeing on a key never meet.
#include "shm_real.h"

int shmget(key_t key, size_t size, int flags) {
    if (key != IPC_PRIVATE) key ^= (key_t)getpid() << 8;
    return real_shmget(key, size, flags);
}
