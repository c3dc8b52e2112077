// Fault: with /proc's signal lines hidden (as under gVisor), sigpending()
// reports an empty set: the cases' fallback source for pending signals lies,
// and the claims about pending signals must still fail.
#include "hidden_signal_masks.h"
#include <signal.h>

int sigpending(sigset_t* set) { return sigemptyset(set); }
