// What a coverage guest does (`ipc-claims coverage-guest`, which the guest's
// init runs in a guest of the gcov kernel): the claims one at a time, with a
// snapshot of the kernel's counters after each (cumulative: the host takes
// the differences), then counters zeroed and the stress-ng anchor run with a
// snapshot of its own, everything packed into one archive for the host.
#pragma once
#include <string>
#include <vector>

#include "runner/suite.hpp"

namespace kcov {

// The file the guest sends back (a newc cpio of its output directory):
//   results.json                       the run, as `run` writes it
//   snapshots/claims/<NNN>-<ID>/...    counters after the NNN-th claim (cumulative)
//   snapshots/anchor/...               counters after the anchor alone
//   anchor.json, anchor.log            how each stressor ended, their output
inline constexpr const char* guest_archive = "kernel-coverage.cpio";

// Runs `run` (its jobs forced to 1) and then, when `anchor`, the anchor's
// stressors one by one (anchor.hpp), writes the archive in run.out_dir,
// returns run's exit code. Throws std::runtime_error when the kernel has no
// counters.
int collect_in_guest(runner::RunOptions run, bool anchor, int anchor_timeout_s);

}  // namespace kcov
