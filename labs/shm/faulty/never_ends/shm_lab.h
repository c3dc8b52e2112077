/* Lab "shm", reference solution: the layout both programs share. The reader
 * initialises two process-shared semaphores (a slot that is full, a slot
 * that is empty), then sets `ready`. */
#ifndef SHM_LAB_H
#define SHM_LAB_H
#include <semaphore.h>
#define LINE_MAX_BYTES 2048
struct channel {
    volatile int ready;
    sem_t full, empty;
    char text[LINE_MAX_BYTES];
};
/* Both programs run in the same directory: the key is made from it. */
#define CHANNEL_KEY_PATH "."
#define CHANNEL_KEY_ID 'L'
#endif
