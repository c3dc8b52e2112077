// Signal masks as a case observes them: the claim's core needs them (no
// source at all is SKIP), and what was seen is recorded as evidence.
#pragma once
#include <string>
#include <sys/types.h>

#include "ipc/signals.hpp"

namespace ipc {

// observe_signal_masks(pid, tid), for a case whose core needs the masks: no
// source is SKIP with the reason.
SignalMasks signal_masks(pid_t pid, pid_t tid = 0);
// Records the masks under prefix with their source ("before_unblock.source",
// "before_unblock.SigPnd" ...), with names. From the syscalls the keys name
// the call: sigpending, sigprocmask, sigaction_ignored, sigaction_caught.
void record_signal_masks(const std::string& prefix, const SignalMasks& masks);

}  // namespace ipc
