// The Gradescope autograder bundle of a lab (labs/gradescope.hpp).
#include "labs/gradescope.hpp"

#include <stdexcept>
#include <unistd.h>

#include <fmt/core.h>

#include "ipc/process.hpp"
#include "ipc/temp_dir.hpp"

namespace grading {
namespace fs = std::filesystem;

namespace {

// What configuring the project and building its ipc-claims target read: the
// layers with their CMake files and templates, the case folders (CMake reads
// their catalogues when configuring, although none of them is built), the
// fault shims' folder (configured with or without the tests) and the licence
// (the package rules name it). Not the rest of tests/, docs/, scripts/, nor
// any lab but the one exported.
const char* const grader_sources[] = {"CMakeLists.txt",  "LICENSE",     "cmake",  "harness", "model",
                                      "report",          "reports",     "runner", "vm",      "bench",
                                      "kernel_coverage", "labs/grader", "app",    "cases",   "tests/faults"};

// Runs `zip -q -r -X archive .` in dir, with a deadline.
void zip_directory(const fs::path& dir, const fs::path& archive) {
    auto child = ipc::Child::fork([&] {
        if (::chdir(dir.c_str()) != 0) return 126;
        ::execlp("zip", "zip", "-q", "-r", "-X", archive.c_str(), ".", static_cast<char*>(nullptr));
        return 127;
    });
    const ipc::WaitStatus status = child.wait(std::chrono::minutes(2));
    if (status.exited_with(127)) throw std::runtime_error("cannot run zip: is it installed? (Debian package zip)");
    if (!status.exited_with(0)) throw std::runtime_error("zip " + archive.string() + " failed: " + status.describe());
}

}  // namespace

fs::path default_source_root() { return IPC_SOURCE_DIR; }

fs::path export_gradescope(const Lab& lab, const fs::path& source_root, const fs::path& out_dir) {
    const fs::path scripts = source_root / "labs/grader/gradescope";
    if (!fs::exists(source_root / "CMakeLists.txt") || !fs::is_directory(scripts))
        throw std::invalid_argument("not the ipc-claims source tree: " + source_root.string() + " (no " +
                                    scripts.string() + ")");
    ipc::TempDir temp("ipc-claims-gradescope");
    const fs::path stage = temp.path();
    for (const char* part : grader_sources) {
        fs::create_directories((stage / "ipc-claims" / part).parent_path());
        fs::copy(source_root / part, stage / "ipc-claims" / part, fs::copy_options::recursive);
    }
    fs::create_directories(stage / "lab");
    fs::copy_file(lab.file, stage / "lab/lab.toml");
    for (const char* script : {"setup.sh", "run_autograder"}) {
        fs::copy_file(scripts / script, stage / script);
        fs::permissions(stage / script, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                                            fs::perms::others_read | fs::perms::others_exec);
    }
    const fs::path archive = fs::absolute(out_dir) / "autograder.zip";
    fs::remove(archive);  // zip would add to an old one
    zip_directory(stage, archive);
    return archive;
}

}  // namespace grading
