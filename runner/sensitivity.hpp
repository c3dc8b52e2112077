// `ipc-claims sensitivity`: the suite proves it can fail. Fault lists
// (tests/faults/<area>.toml, built beside the runner as faults/*.toml) name
// LD_PRELOAD shims, each breaking documented behaviour the way a buggy
// kernel, emulation layer or sandbox might, and the claims it breaks. The
// suite runs once as it is (the baseline), then under each fault through
// `exec --wrap`; a claim is shown sensitive when it passes in the baseline
// and FAILs or TIMEs OUT under a fault that names it (BROKEN is not caught:
// the case's setup failed, not its check).
#pragma once
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "model/catalogue.hpp"
#include "model/results.hpp"
#include "runner/suite.hpp"

namespace runner {

struct Fault {
    std::string name;                 // "pipe_never_blocks"
    std::filesystem::path library;    // the shim, LD_PRELOADed into each case
    std::vector<std::string> breaks;  // claim ids; empty: a fault of unknown target (any failure catches it)
    std::string why;
    std::filesystem::path list;  // the fault list that names it
};

struct Unreachable {
    std::string claim;
    std::string why;
};

struct FaultCatalogue {
    std::vector<Fault> faults;
    std::vector<Unreachable> unreachable;
};

// Reads fault lists: [[fault]] with `shim = "name"` (the library is
// shims_dir/name.so) or `library = "path"` (relative to the list), an
// optional `breaks` list of claim ids and a `why`; [[unreachable]] with
// `claim` and `why`. Throws std::runtime_error naming the file and the
// problem: malformed TOML, a missing field or library, an unknown claim, a
// claim without a case.
FaultCatalogue load_fault_lists(const std::vector<std::filesystem::path>& files, const std::filesystem::path& shims_dir,
                                const std::vector<Claim>& catalogue);

// The fault lists in dir (*.toml, sorted). Throws std::runtime_error when
// there is none.
std::vector<std::filesystem::path> fault_lists_in(const std::filesystem::path& dir);

// `--wrap` for a fault: env LD_PRELOAD='<library>'.
std::string fault_wrap(const Fault& fault);

// The claims to run under a fault: those it breaks that are selected and
// implemented, or every selected implemented claim when whole_suite is set
// or the fault names none.
std::vector<const Claim*> claims_under(const Fault& fault, const std::vector<Claim>& selected, bool whole_suite);

struct FaultRun {
    const Fault* fault;
    std::vector<CaseResult> results;  // one per claim run under it
};

// The sensitivity table and figure (sensitivity.json, schema 1), from the
// baseline run and each fault's run. Pure: no process is run.
//   figure:  {shown, claims, percent}: claims shown sensitive of the selected claims
//   faults:  [{name, why, list, expected, failed, not_failed, also_failed, caught}]
//   claims:  [{id, sensitive, faults, why_not}]
//   baseline_not_passing: [{claim, verdict}]
nlohmann::json judge_sensitivity(const std::vector<Claim>& selected, const FaultCatalogue& faults,
                                 const RunResults& baseline, const std::vector<FaultRun>& runs);

// What results.json keeps of it, for the conformance report: the figure, the
// claims not shown sensitive and why, and each claim's faults.
nlohmann::json sensitivity_summary(const nlohmann::json& judged);

// True when the baseline passed (or skipped), every fault was caught, and
// the figure is at least fail_under percent.
bool sensitivity_ok(const nlohmann::json& judged, double fail_under);

// sensitivity.md: the figure, the table (fault, expected to fail, failed,
// did not fail), and the claims not shown sensitive.
std::string sensitivity_markdown(const nlohmann::json& judged);

struct SensitivityOptions {
    std::vector<std::filesystem::path> fault_lists;
    std::filesystem::path shims_dir;  // where `shim = "name"` is found as name.so
    bool whole_suite = false;         // every selected claim under every fault, not only those it names
    double fail_under = 0;            // percent: fewer claims shown sensitive is a failure
};

// The command: the selected claims as they are (written to options.out_dir
// as `run` writes them, the report showing the figure), then under each
// fault, then sensitivity.json and sensitivity.md beside them. Returns 0
// when the baseline passed, every fault was caught and the figure is not
// under fail_under; 1 otherwise; 128+N when interrupted by signal N.
int run_sensitivity(const RunOptions& options, const SensitivityOptions& sensitivity);

}  // namespace runner
