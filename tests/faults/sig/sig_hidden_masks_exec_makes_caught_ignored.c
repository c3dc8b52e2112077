// Fault: with /proc's signal lines hidden (as under gVisor), a program
// started by exec finds SIGUSR1 ignored, as if exec turned a caught signal
// into an ignored one instead of resetting it to the default. Only the
// exec'd program's own report (sigaction per signal) can show it.
#include "hidden_signal_masks.h"
#include <signal.h>

__attribute__((constructor)) static void usr1_ignored_at_start(void) { signal(SIGUSR1, SIG_IGN); }
