// `ipc-claims run`: the selected cases, in parallel, each through
// `ipc-claims exec`, with a line per case as it ends, a summary, and
// results.json and junit.xml in the output directory.
#pragma once
#include <chrono>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "model/catalogue.hpp"
#include "model/results.hpp"
#include "runner/runtime.hpp"

namespace runner {

struct RunOptions {
    std::vector<Claim> claims;           // the whole catalogue
    std::vector<Claim> selected;         // what to run (implemented or not)
    std::vector<PeerCheck> peer_checks;  // the peers' inventory, for the report
    int jobs = 2;
    std::chrono::milliseconds timeout{30000};
    std::string wrap;
    std::filesystem::path out_dir;
    std::filesystem::path cases_dir;
    std::filesystem::path self;  // this runner binary, for `exec`
    Runtime runtime;             // native, or every case in a gVisor sandbox of its own
    Tool tool;                   // recorded in results.json: this program's version and commit
    // The environment to record (for gVisor: collected inside a sandbox
    // before the run, see environment_in_sandbox); null: this host's, at the end.
    nlohmann::json environment;
    // Called by run_cases as each case ends, before the next starts when
    // jobs is 1 (`coverage` reads the kernel's counters claim by claim).
    std::function<void(const CaseResult&)> after_case;
};

// Returns the process exit code: 0 when every case passed or skipped, 1
// otherwise, 128+N when interrupted by signal N.
int run_suite(const RunOptions& options);

// run_suite in two steps, for commands that add to a run before it is
// written (`sensitivity`): run_cases runs the selected cases with a line per
// case as it ends (interrupted: the signal that stopped it, or 0); write_run
// writes results.json, junit.xml and the reports, prints the summary, and
// returns the exit code as run_suite does.
RunResults run_cases(const RunOptions& options, int& interrupted);
int write_run(const RunOptions& options, const RunResults& results, double seconds, int interrupted);

// One case to run, under its own --wrap (empty: none).
struct CaseJob {
    const Claim* claim;
    std::string wrap;
};
using JobDone = std::function<void(std::size_t index, CaseResult result)>;

// Runs the jobs through `ipc-claims exec`, options.jobs at once, each with
// options.timeout, keeping scratch files in options.out_dir/.running; calls
// done(index, result) as each ends. Returns 0, or the signal that
// interrupted the run (the running cases are stopped first).
int run_jobs(const RunOptions& options, const std::vector<CaseJob>& jobs, const JobDone& done);

}  // namespace runner
