// Fault: IPC_STAT leaves the last sender and receiver pids at 0, as an
// emulation layer that does not track them would.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <sys/msg.h>

int msgctl(int qid, int cmd, struct msqid_ds* buf) {
    int (*real)(int, int, struct msqid_ds*) = (int (*)(int, int, struct msqid_ds*))dlsym(RTLD_NEXT, "msgctl");
    int r = real(qid, cmd, buf);
    if (r == 0 && cmd == IPC_STAT && buf) buf->msg_lspid = buf->msg_lrpid = 0;
    return r;
}
