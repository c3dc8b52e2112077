// For shims that change POSIX message-queue calls: the real mq_open,
// mq_send, mq_timedsend, mq_receive, mq_timedreceive, mq_getattr, mq_setattr,
// mq_notify and mq_unlink, found once through dlsym(RTLD_NEXT, ...).
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <mqueue.h>
#include <signal.h>
#include <stdarg.h>
#include <string.h>
#include <sys/types.h>
#include <time.h>

#define MQ_REAL(name) ((__typeof__(&name))real_symbol(#name))
static inline void* real_symbol(const char* name) { return dlsym(RTLD_NEXT, name); }

static inline mqd_t real_mq_open(const char* name, int oflag, mode_t mode, struct mq_attr* attr) {
    static mqd_t (*real)(const char*, int, ...);
    if (!real) real = (mqd_t(*)(const char*, int, ...))dlsym(RTLD_NEXT, "mq_open");
    return (oflag & O_CREAT) ? real(name, oflag, mode, attr) : real(name, oflag);
}

// mq_open's optional arguments, as a shim replacing it reads them.
#define MQ_OPEN_ARGS(oflag, mode, attr)     \
    mode_t mode = 0;                        \
    struct mq_attr* attr = NULL;            \
    if ((oflag)&O_CREAT) {                  \
        va_list ap;                         \
        va_start(ap, oflag);                \
        mode = (mode_t)va_arg(ap, int);     \
        attr = va_arg(ap, struct mq_attr*); \
        va_end(ap);                         \
    }

static inline long curmsgs_of(mqd_t q) {
    struct mq_attr a;
    return MQ_REAL(mq_getattr)(q, &a) == 0 ? a.mq_curmsgs : -1;
}
static inline long maxmsg_of(mqd_t q) {
    struct mq_attr a;
    return MQ_REAL(mq_getattr)(q, &a) == 0 ? a.mq_maxmsg : -1;
}
static inline long msgsize_of(mqd_t q) {
    struct mq_attr a;
    return MQ_REAL(mq_getattr)(q, &a) == 0 ? a.mq_msgsize : -1;
}
