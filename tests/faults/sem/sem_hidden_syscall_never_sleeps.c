// Fault: no /proc/PID/syscall or wchan (as under gVisor), and semop never
// sleeps: the state-only observation of blocking must still see it.
#include "../pipe/hidden_task_syscall.h"
#include "sem_never_sleeps.c"
