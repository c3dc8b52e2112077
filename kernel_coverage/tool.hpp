// Runs the host's gcov, lcov and genhtml.
#pragma once
#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

namespace kcov {

// Runs argv (looked up in $PATH) in `cwd` (empty: here) and returns what it
// wrote on stdout. Throws std::runtime_error naming the program and quoting
// the end of its stderr when it cannot start, exits non-zero, or runs past
// the deadline (then it is killed).
std::string run_tool(const std::vector<std::string>& argv, const std::filesystem::path& cwd = {},
                     std::chrono::seconds deadline = std::chrono::seconds(900));

}  // namespace kcov
