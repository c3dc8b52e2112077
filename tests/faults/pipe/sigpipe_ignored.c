// Fault: SIGPIPE is ignored before main() runs, as when a careless parent
// ignored it and exec'd the program.
#include <signal.h>

__attribute__((constructor)) static void ignore_sigpipe(void) { signal(SIGPIPE, SIG_IGN); }
