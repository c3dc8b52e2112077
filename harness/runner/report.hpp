// The conformance report for people: report.md and a self-contained
// report.html, both rendered from one view model built from a run's results
// and the claim catalogue.
#pragma once
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "catalogue.hpp"
#include "results.hpp"

namespace runner {

// "writer_blocked.wchan" -> "writer blocked: wchan"; names in capitals
// (F_GETPIPE_SZ) stay as they are.
std::string plain_key(const std::string& key);

// An evidence value as a reader wants it: strings as they are, numbers as
// numbers, true/false as yes/no, lists and objects as compact JSON.
std::string plain_value(const nlohmann::json& value);

// Why a case ended as it did, in one line: the failed assertion and its
// values, the skip or broken reason the case printed, the timeout. Empty for
// a pass.
std::string verdict_reason(const CaseResult& r);

// The last lines of a case's output (at most `lines` lines).
std::string output_tail(const std::string& output, std::size_t lines = 25);

// The view model both report templates read (see reports/report.*.mustache).
nlohmann::json report_model(const RunResults& results, const std::vector<Claim>& catalogue);

struct ReportFiles {
    std::filesystem::path markdown;
    std::filesystem::path html;
};

// Writes report.md and report.html into dir (created if needed).
ReportFiles write_report(const std::filesystem::path& dir, const RunResults& results,
                         const std::vector<Claim>& catalogue);

}  // namespace runner
