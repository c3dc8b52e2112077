// Fault: no /proc/PID/syscall or wchan (as under gVisor), and a blocking read
// of a pipe gives up after 250 ms: the reader is asleep at first, so only the
// state held through the whole observation window shows the fault.
#include "hidden_task_syscall.h"
#include "pipe_idle_read_times_out.c"
