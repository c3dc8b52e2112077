// Fault: IPC_SET reports success but changes nothing, so msg_qbytes can be
// neither lowered nor refused.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <sys/msg.h>

int msgctl(int qid, int cmd, struct msqid_ds* buf) {
    int (*real)(int, int, struct msqid_ds*) = (int (*)(int, int, struct msqid_ds*))dlsym(RTLD_NEXT, "msgctl");
    if (cmd == IPC_SET) return 0;
    return real(qid, cmd, buf);
}
