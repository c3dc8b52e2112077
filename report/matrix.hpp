// `ipc-claims matrix RUN_DIR...`: claims by kernels. One column per run (a
// host run or a kernel booted by `run --kernel`), one row per claim, the rows
// whose verdict or evidence differs between kernels first, with the evidence
// that varies side by side (wchan names, capacities, errno names), and the
// environments (release, page size, IPC sysctls) compared the same way.
// Markdown and a self-contained HTML page in the style of the reports.
#pragma once
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "model/catalogue.hpp"
#include "model/results.hpp"
#include "report/render.hpp"

namespace runner {

struct MatrixRun {
    std::filesystem::path file;  // its results.json
    std::string label;           // the kernel release, "(host)" when not booted under qemu
    RunResults results;
};

// Each argument is a results.json, a directory holding one, or a directory
// of run directories (the --out of a multi-kernel run): every
// <dir>/*/results.json, in name order. Throws std::runtime_error naming what
// holds no run, or a file that is not a results.json.
std::vector<MatrixRun> load_matrix_runs(const std::vector<std::filesystem::path>& paths);

// The view model: kernels, environment rows, claim rows (differing first).
nlohmann::json matrix_model(const std::vector<MatrixRun>& runs, const std::vector<Claim>& catalogue);

// The matrix for a terminal: the claims that differ and their varying evidence.
std::string matrix_text(const nlohmann::json& model);

// Writes matrix.md and matrix.html into dir (created if needed).
PageFiles write_matrix(const std::filesystem::path& dir, const std::vector<MatrixRun>& runs,
                       const std::vector<Claim>& catalogue);

}  // namespace runner
