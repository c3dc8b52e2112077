// `ipc-claims diff A B`: two runs side by side (two kernels, two
// distributions, before and after): their environments, and every claim
// whose verdict or evidence differs.
#pragma once
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "model/catalogue.hpp"
#include "report/evidence_noise.hpp"
#include "model/results.hpp"
#include "report/render.hpp"

namespace runner {

struct DiffOptions {
    std::string label_a = "A", label_b = "B";  // shown as the column heads (the files' paths)
    bool all_evidence = false;                 // compare run-specific and measurement evidence too
    bool common_only = false;                  // leave out the claims run in one run only
};

struct RunDiff {
    nlohmann::json model;      // the view model of reports/templates/diff.*.mustache
    int verdict_changes = 0;   // claims run in both whose verdict differs
    int evidence_changes = 0;  // claims with the same verdict and different evidence
    int not_in_both = 0;       // claims run in one run only: listed (unless common_only), never a verdict change
};

RunDiff diff_runs(const RunResults& a, const RunResults& b, const std::vector<Claim>& catalogue,
                  const DiffOptions& options = {});

// The comparison as plain text for a terminal.
std::string diff_text(const RunDiff& d);

// Writes diff.md and diff.html into dir (created if needed).
PageFiles write_diff(const std::filesystem::path& dir, const RunDiff& d);

}  // namespace runner
