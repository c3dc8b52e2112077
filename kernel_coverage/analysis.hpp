// What a coverage run's snapshots say: per claim, the kernel functions it
// entered and the lines it reached (the differences of cumulative snapshots);
// per file, line and function coverage of the suite and of the anchor; the
// functions no claim enters, biggest first.
#pragma once
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <filesystem>
#include <vector>

#include "kernel_coverage/gcov_data.hpp"

namespace kcov {

struct ClaimSnapshot {
    std::string claim;
    std::vector<SourceCounts> counts;  // cumulative, up to and including this claim
    std::filesystem::path dir = {};    // the guest's .gcda copies these counts were read from
};

struct ClaimReach {
    std::vector<std::string> functions;  // "ipc/msg.c:do_msgrcv", in file and line order
    std::size_t lines = 0;               // lines with code it reached
    std::size_t only_here = 0;           // functions no other claim enters
};

struct Analysis {
    std::map<std::string, ClaimReach> claims;
    // Entered by every claim: the runner's and the harness's own work (its
    // pipes, its signals), not what a claim is about.
    std::vector<std::string> common;
    // Schema of kernel-coverage.json: files[] {file, lines, suite: {lines_hit,
    // functions_hit}, anchor: {...}, functions}, dark[] {function, file, lines,
    // anchor_enters}, claims[] {claim, functions, lines, only_here}.
    nlohmann::json summary;
};

// `claims` in run order; `anchor` empty when the anchor did not run.
Analysis analyse(const std::vector<ClaimSnapshot>& claims, const std::vector<SourceCounts>& anchor);

// "ipc/msg.c:do_msgrcv"
std::string function_id(const std::string& file, const std::string& function);

}  // namespace kcov
