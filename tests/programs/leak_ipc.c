// Creates a message queue, a segment and a semaphore set with the key given
// (decimal) and exits without removing them.
#include <stdlib.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>

int main(int argc, char** argv) {
    if (argc < 2) return 2;
    key_t key = (key_t)strtol(argv[1], NULL, 10);
    if (msgget(key, IPC_CREAT | 0600) < 0) return 99;
    if (shmget(key, 4096, IPC_CREAT | 0600) < 0) return 99;
    if (semget(key, 1, IPC_CREAT | 0600) < 0) return 99;
    return 0;
}
