// Fault: no /proc/PID/syscall or wchan (as under gVisor), and every pipe is
// born non-blocking: the state-only observation of blocking must still see
// that the writer never sleeps.
#include "hidden_task_syscall.h"
#include "pipe_never_blocks.c"
