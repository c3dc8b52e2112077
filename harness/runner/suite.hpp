// `ipc-claims run`: the selected cases, in parallel, each through
// `ipc-claims exec`, with a line per case as it ends, a summary, and
// results.json and junit.xml in the output directory.
#pragma once
#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "catalogue.hpp"

namespace runner {

struct RunOptions {
    std::vector<Claim> claims;    // the whole catalogue
    std::vector<Claim> selected;  // what to run (implemented or not)
    int jobs = 2;
    std::chrono::milliseconds timeout{30000};
    std::string wrap;
    std::filesystem::path out_dir;
    std::filesystem::path cases_dir;
    std::filesystem::path self;  // this runner binary, for `exec`
};

// Returns the process exit code: 0 when every case passed or skipped, 1
// otherwise, 128+N when interrupted by signal N.
int run_suite(const RunOptions& options);

}  // namespace runner
