// `ipc-claims coverage`: boots the gcov kernel (scripts/gcov-kernel builds
// it) under qemu, runs the selected claims there one at a time and then the
// stress-ng anchor (guest_run.hpp), and writes, in the output directory:
//   results.json, junit.xml, report.md/.html   the run, each claim with the
//                                              kernel functions it entered
//   kernel-coverage.json/.md/.html             per file the suite's and the
//                                              anchor's line and function
//                                              coverage, per claim what it
//                                              reached, the dark functions
//   kernel/suite/, kernel/anchor/               genhtml's reports (lcov)
//   kernel/suite.info, kernel/anchor.info      their tracefiles
//   console.log, guest/                        the guest's console, what it sent
#pragma once
#include <filesystem>

#include "runner/suite.hpp"
#include "vm/boot.hpp"

namespace kcov {

struct CoverageOptions {
    std::filesystem::path build;  // the gcov kernel's build tree
    bool anchor = true;           // stress-ng's IPC stressors after the claims
    int anchor_timeout_s = 60;    // per stressor
};

// Returns 0 when the run passed (every claim PASS or SKIP) and the coverage
// is written, 1 when a claim did not pass or the guest sent nothing back,
// 128+N when interrupted. Throws std::invalid_argument for a build tree that
// is not a gcov kernel or a missing tool (gcov, lcov, genhtml, stress-ng).
int run_kernel_coverage(const runner::RunOptions& run, runner::kernel::KernelOptions k, const CoverageOptions& c);

}  // namespace kcov
