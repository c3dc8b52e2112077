// Fault: SO_PEERCRED reports the peer's uid in the gid field too (a copy
// and paste slip in an emulation layer); invisible when the two are equal.
#include "peercred_shim.h"

static void alter_peercred(struct ucred* cred) { cred->gid = cred->uid; }
