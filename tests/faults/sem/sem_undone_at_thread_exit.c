// Fault: SEM_UNDO adjustments are applied when the thread that made them
// ends, not when its process does: a thread (not the process's first) that
// takes a semaphore with SEM_UNDO gives it back as it exits.
#define _GNU_SOURCE
#include <pthread.h>
#include <unistd.h>

#include "sem_real.h"

struct undo {
    int id;
    struct sembuf op;
};
static pthread_key_t undo_key;
static pthread_once_t undo_once = PTHREAD_ONCE_INIT;
static struct undo pending[64];
static int npending;

static void undo_at_thread_exit(void* p) {
    struct undo* u = p;
    real_semtimedop(u->id, &u->op, 1, NULL);
}
static void make_key(void) { pthread_key_create(&undo_key, undo_at_thread_exit); }

static int sem_shim(int id, struct sembuf* ops, size_t n, const struct timespec* timeout) {
    int r = real_semtimedop(id, ops, n, timeout);
    if (r == 0 && gettid() != getpid() && npending < 64)
        for (size_t i = 0; i < n; ++i)
            if ((ops[i].sem_flg & SEM_UNDO) && ops[i].sem_op != 0 && npending < 64) {
                pthread_once(&undo_once, make_key);
                struct undo* u = &pending[npending++];
                u->id = id;
                u->op = ops[i];
                u->op.sem_op = (short)-ops[i].sem_op;  // with SEM_UNDO: the recorded adjustment is cancelled too
                pthread_setspecific(undo_key, u);
            }
    return r;
}
