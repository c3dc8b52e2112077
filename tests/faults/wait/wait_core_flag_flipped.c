// Fault: waitpid()/wait4() report the core-dump flag (bit 7) the wrong way
// round for deaths by signal: a core where none was dumped, none where one was.
#include "wait_status_shim.h"

static int relayout(int status) { return WIFSIGNALED(status) ? status ^ 0x80 : status; }
