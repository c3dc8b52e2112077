// A lab as a Gradescope autograder (`ipc-claims grade --export gradescope
// LAB --out DIR`): DIR/autograder.zip holds, at its root, setup.sh (installs
// what the grader needs on Gradescope's Ubuntu image and builds it) and
// run_autograder (grades /autograder/submission, writes
// /autograder/results/results.json), from labs/grader/gradescope/; the
// sources that building the grader needs under ipc-claims/; and the lab's
// lab.toml under lab/, nothing of its reference or faulty submissions.
#pragma once
#include <filesystem>

#include "labs/grader.hpp"

namespace grading {

// The source tree this program was built from (the bundle's sources).
std::filesystem::path default_source_root();

// Writes out_dir/autograder.zip (with the `zip` tool) and returns its path;
// throws std::invalid_argument when source_root is not the project's source
// tree, std::runtime_error when zip fails.
std::filesystem::path export_gradescope(const Lab& lab, const std::filesystem::path& source_root,
                                        const std::filesystem::path& out_dir);

}  // namespace grading
