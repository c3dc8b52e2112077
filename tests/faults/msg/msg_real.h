// For shims that change System V message calls: the real msgget, msgsnd,
// msgrcv and msgctl, found once through dlsym(RTLD_NEXT, ...).
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <sys/ipc.h>
#include <sys/msg.h>

#ifndef MSG_COPY
#define MSG_COPY 040000
#endif

static inline int real_msgget(key_t key, int flags) {
    static int (*real)(key_t, int);
    if (!real) real = (int (*)(key_t, int))dlsym(RTLD_NEXT, "msgget");
    return real(key, flags);
}

static inline int real_msgsnd(int qid, const void* buf, size_t size, int flags) {
    static int (*real)(int, const void*, size_t, int);
    if (!real) real = (int (*)(int, const void*, size_t, int))dlsym(RTLD_NEXT, "msgsnd");
    return real(qid, buf, size, flags);
}

static inline ssize_t real_msgrcv(int qid, void* buf, size_t size, long type, int flags) {
    static ssize_t (*real)(int, void*, size_t, long, int);
    if (!real) real = (ssize_t(*)(int, void*, size_t, long, int))dlsym(RTLD_NEXT, "msgrcv");
    return real(qid, buf, size, type, flags);
}

static inline int real_msgctl(int qid, int cmd, struct msqid_ds* buf) {
    static int (*real)(int, int, struct msqid_ds*);
    if (!real) real = (int (*)(int, int, struct msqid_ds*))dlsym(RTLD_NEXT, "msgctl");
    return real(qid, cmd, buf);
}
