// Fault: waitpid()/wait4() report a normal exit with the code in the low
// byte instead of bits 8-15 (a status layout from some other system).
#include "wait_status_shim.h"

static int relayout(int status) { return WIFEXITED(status) ? WEXITSTATUS(status) : status; }
