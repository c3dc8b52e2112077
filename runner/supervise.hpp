// `ipc-claims exec`: runs one program the way a careful person would, and
// judges it by its exit: 0 PASS, 77 SKIP, 99 BROKEN, any other exit or a
// signal FAIL, past the deadline TIMEOUT.
//
// The program gets its own process group, a fresh IPC namespace, a temporary
// directory as cwd and $TMPDIR, default signal dispositions and an empty
// signal mask, /dev/null as stdin, output captured to a file (64 MiB at
// most), and a pids cgroup (or RLIMIT_NPROC) of its own. This process is its
// subreaper: whatever the program leaves running is killed.
#pragma once
#include <chrono>
#include <string>
#include <vector>

#include "model/results.hpp"
#include "runner/runtime.hpp"

namespace runner {

struct ExecRequest {
    std::string program;
    std::vector<std::string> args;
    std::vector<std::string> wrap;  // prefix command, e.g. {"env", "LD_PRELOAD=..."}
    std::chrono::milliseconds timeout{30000};
    int max_pids = 1024;  // processes the case may have at once (a fork bomb meets this)
    // Native, or gVisor: the case (under its wrap) runs in a sandbox of its
    // own, with the same deadline, cgroup and cleanup (see runtime.hpp).
    Runtime runtime;
};

// Runs the request; fills status, duration, evidence, output, exit,
// isolation and leftover_processes (claim and case are the caller's).
// When a gVisor sandbox could not be started, the result is BROKEN and its
// evidence has "runner.runtime_error" (runsc's message).
// Returns early with BROKEN if interrupted by SIGINT/SIGTERM/SIGHUP, after
// killing everything the program started.
CaseResult supervise(const ExecRequest& request);

// Set when supervise() was interrupted by a signal (its number).
int interrupted_by();

}  // namespace runner
