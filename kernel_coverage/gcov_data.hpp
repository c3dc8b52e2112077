// One snapshot of the gcov kernel's counters, read with the host's gcov
// (`gcov --json-format`, the same compiler that built the kernel): per
// profiled source file, the lines with code and their counts, and each
// function's entry count.
#pragma once
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace kcov {

struct FunctionCount {
    std::string name;
    int first_line = 0, last_line = 0;
    std::uint64_t calls = 0;  // times entered
    std::size_t lines = 0;    // lines with code
};

struct SourceCounts {
    std::string file;                      // as the build names it: "ipc/msg.c"
    std::map<int, std::uint64_t> lines;    // line number -> count, for every line with code
    std::vector<FunctionCount> functions;  // in source order
    std::size_t lines_hit() const;
    std::size_t functions_hit() const;
};

// Where a snapshot holds its .gcda files: the guest copies debugfs/gcov,
// which mirrors the build tree's absolute path.
std::filesystem::path snapshot_tree(const std::filesystem::path& snapshot, const std::filesystem::path& build);

// Links each .gcda file's notes (.gcno) from the build tree in beside it, as
// gcov and lcov expect; returns the .gcda files, sorted. Throws
// std::runtime_error when a .gcno is missing (a snapshot of another build).
std::vector<std::filesystem::path> link_notes(const std::filesystem::path& snapshot,
                                              const std::filesystem::path& build);

// The counts of every .gcda file of a snapshot, in file order; `build` is the
// gcov kernel's build tree (its .gcno files are linked in beside the .gcda
// files). Headers' inline functions are left out: only the .c file each
// object is built from counts. Throws std::runtime_error when gcov fails or
// link_notes does.
std::vector<SourceCounts> read_snapshot(const std::filesystem::path& snapshot, const std::filesystem::path& build);

}  // namespace kcov
