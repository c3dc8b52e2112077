// The results model: one record per case, one environment per run, written
// as results.json (schema 2, published in docs/results-schema.md and
// docs/results.schema.json). Other tools read these names: keep them, and
// bump the schema when one changes.
#pragma once
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace runner {

enum class Status { Pass, Fail, Skip, Broken, Timeout };

std::string to_string(Status s);  // "PASS" ...
Status status_from_string(const std::string& s);
int exit_code(Status s);  // 0, 1, 77, 99, 124

struct CaseResult {
    std::string claim;               // "PIPE-04"
    std::string case_path;           // "pipe/write_blocks_when_full"
    Status status = Status::Broken;  // written as `verdict`
    // Why it did not pass, as results.json recorded it; empty for a result
    // not read back from one, or read from an older file: verdict_reason()
    // (model/case_output.hpp) then finds it in the output.
    std::string reason;
    double duration_s = 0;
    nlohmann::json evidence = nlohmann::json::object();
    std::string output;          // the tail of what the case printed
    std::string exit;            // "exited with code 0", "killed by SIGSEGV", "timed out after 30 s"
    std::string isolation;       // "ipc-namespace", "user+ipc-namespace", "none"
    int leftover_processes = 0;  // processes still alive when the case ended, killed by the runner
    // From `ipc-claims coverage`: the kernel functions the case entered
    // ("ipc/msg.c:do_msgrcv"); empty after a plain run.
    std::vector<std::string> kernel_functions;
};

nlohmann::json to_json(const CaseResult& r);
CaseResult case_from_json(const nlohmann::json& j);

// Schema 1 (before `verdict`, `reason`, `tool`, `started_at`) is still read:
// its `status` is the verdict.
inline constexpr int results_schema = 2;
inline constexpr int oldest_results_schema = 1;

// The program that wrote the results.
struct Tool {
    std::string name = "ipc-claims";
    std::string version = "unknown";  // CMake's project version
    std::string commit = "unknown";   // the git commit it was built from
};

struct RunResults {
    Tool tool;
    std::string started_at;  // RFC 3339, UTC ("2026-12-07T01:38:47Z"); empty: unknown
    nlohmann::json environment = nlohmann::json::object();
    std::vector<CaseResult> cases;
    // From `ipc-claims sensitivity`: how many claims this run's cases were
    // shown to fail under faults (see sensitivity.hpp); null after a plain run.
    nlohmann::json sensitivity;
    // From `ipc-claims coverage`: the kernel's coverage (kernel-coverage.json's
    // summary: files, dark functions, claims, common); null after a plain run.
    nlohmann::json kernel_coverage;
};

nlohmann::json to_json(const RunResults& r);
// Now as RFC 3339 in UTC, to the second: "2026-12-07T01:38:47Z".
std::string utc_now();
// Reads a results.json back. Throws std::runtime_error with a one-line
// message naming the file when it is missing, not JSON, of another schema,
// or has a case without a valid claim and status.
RunResults read_results_file(const std::filesystem::path& path);
// The same from a document already parsed (a guest's, sent over its
// console); `where` names it in the messages.
RunResults results_from_json(const nlohmann::json& j, const std::string& where);
// Write via a temporary file and rename, so a reader never sees half a file.
void write_json_file(const std::filesystem::path& path, const nlohmann::json& j);
void write_text_file(const std::filesystem::path& path, const std::string& text);

}  // namespace runner
