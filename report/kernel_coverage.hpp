// The kernel coverage pages of `ipc-claims coverage`: kernel-coverage.md and
// kernel-coverage.html, from results.json's kernel_coverage summary and its
// cases. Per profiled file, the suite's line and function coverage beside the
// anchor's (stress-ng); per claim, the functions it enters beyond those every
// claim enters; the functions no claim enters, biggest first.
#pragma once
#include <filesystem>
#include <nlohmann/json.hpp>

#include "model/results.hpp"
#include "report/render.hpp"

namespace runner {

// The view model of both pages.
nlohmann::json kernel_coverage_model(const RunResults& results);

// Writes both pages in dir. Throws std::invalid_argument when the results
// carry no kernel coverage.
PageFiles write_kernel_coverage(const std::filesystem::path& dir, const RunResults& results);

}  // namespace runner
