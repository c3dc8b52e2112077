// Fault: SO_PEERCRED reports the caller's own pid, uid and gid instead of
// the peer's, as a careless emulation might.
#include "peercred_shim.h"

#include <unistd.h>

static void alter_peercred(struct ucred* cred) {
    cred->pid = getpid();
    cred->uid = getuid();
    cred->gid = getgid();
}
