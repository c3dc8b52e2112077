// The kernel's coverage in lcov's form: a tracefile per snapshot (geninfo
// over the copied counters, the .c files of the profiled objects only) and
// genhtml's report of it, per file and function.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

namespace kcov {

// Writes `info` from a snapshot: test name `test`, the sources `files`
// ("ipc/msg.c", relative to the build tree) only.
void capture_tracefile(const std::filesystem::path& snapshot, const std::filesystem::path& build,
                       const std::vector<std::string>& files, const std::string& test,
                       const std::filesystem::path& info);

// genhtml's report of `info` in `dir`, sources read from the build tree.
void write_genhtml(const std::filesystem::path& info, const std::filesystem::path& build,
                   const std::filesystem::path& dir, const std::string& title);

}  // namespace kcov
