// The Debian package (cmake/Package.cmake): cpack builds it from this build
// tree, dpkg-deb unpacks it into a scratch root (nothing is installed on the
// host), and the program there finds its cases, catalogue, fault shims and
// labs under that root, from its own path, and gives the build tree's
// verdicts. Every area runs but perf: PERF-01 decides from timings on a CPU
// that other tests share, so two runs may differ there for the machine's
// sake, not the package's.
#include <doctest/doctest.h>
#include <filesystem>
#include <map>
#include <regex>
#include <string>
#include <vector>

#include "command.hpp"
#include "ipc/temp_dir.hpp"
#include "model/results.hpp"

namespace {

namespace fs = std::filesystem;
using testing::contains;
using testing::run_command;

std::map<std::string, std::string> verdicts(const fs::path& results) {
    std::map<std::string, std::string> out;
    for (const auto& c : runner::read_results_file(results).cases) out[c.claim] = runner::to_string(c.status);
    return out;
}

// The package, built once for every test case here, and unpacked.
struct Package {
    ipc::TempDir work;
    fs::path deb, root;

    Package() {
        auto built = run_command({IPC_CPACK, "-G", "DEB", "--config", IPC_BUILD_DIR "/CPackConfig.cmake", "-B",
                                  work.file("package")},
                                 std::chrono::minutes(5));
        REQUIRE_MESSAGE(built.exit_code == 0, built.output);
        const std::string cmake = testing::slurp(IPC_SOURCE_DIR "/CMakeLists.txt");
        std::smatch version;
        REQUIRE(std::regex_search(cmake, version, std::regex("project\\(ipc-claims VERSION (\\S+)")));
        deb = fs::path(work.file("package")) / ("ipc-claims_" + version[1].str() + "_amd64.deb");
        REQUIRE_MESSAGE(fs::exists(deb), built.output);
        root = work.file("root");
        auto unpacked = run_command({"/usr/bin/dpkg-deb", "-x", deb.string(), root.string()});
        REQUIRE_MESSAGE(unpacked.exit_code == 0, unpacked.output);
    }
    std::string program() const { return (root / "usr/bin/ipc-claims").string(); }
};

Package& package() {
    static Package p;
    return p;
}

}  // namespace

TEST_CASE("the package: its fields, Depends from the programs' libraries, its files under /usr") {
    Package& p = package();
    auto fields = run_command({"/usr/bin/dpkg-deb", "-f", p.deb.string(), "Package", "Architecture", "Depends"});
    REQUIRE_MESSAGE(fields.exit_code == 0, fields.output);
    CAPTURE(fields.output);
    CHECK(contains(fields.output, "Package: ipc-claims\n"));
    CHECK(contains(fields.output, "Architecture: amd64\n"));
    for (const char* library : {"libc6", "libstdc++6", "libfmt9"}) CHECK(contains(fields.output, library));

    for (const char* file : {"usr/bin/ipc-claims", "usr/lib/ipc-claims/cases/pipe/write_blocks_when_full",
                             "usr/lib/ipc-claims/faults/pipe_never_blocks.so", "usr/lib/ipc-claims/faults/pipe.toml",
                             "usr/share/ipc-claims/catalogue/pipe.toml",
                             "usr/share/ipc-claims/catalogue/pipe.peers.tsv", "usr/share/ipc-claims/labs/shm/lab.toml"})
        CHECK_MESSAGE(fs::exists(p.root / file), file << " is not in the package");
    CHECK_FALSE(fs::exists(p.root / "usr/share/ipc-claims/labs/grader"));  // the grader's sources are not data

    // Its defaults are under the root, found from the program's own path.
    auto help = run_command({p.program(), "--help"});
    CHECK_MESSAGE(contains(help.output, "--catalogue TEXT=" + (p.root / "usr/share/ipc-claims/catalogue").string()),
                  help.output);
    CHECK_MESSAGE(contains(help.output, "--cases TEXT=" + (p.root / "usr/lib/ipc-claims/cases").string()), help.output);

    // The same catalogue as the build tree's.
    auto installed = run_command({p.program(), "--version"});
    auto built = testing::ipc_claims({"--version"});
    REQUIRE_MESSAGE(installed.exit_code == 0, installed.output);
    CHECK_EQ(installed.output.substr(installed.output.find("catalogue:")),
             built.output.substr(built.output.find("catalogue:")));
}

TEST_CASE("the suite run from the unpacked package gives the build tree's verdicts") {
    Package& p = package();
    const std::vector<std::string> run = {"run", "--exclude", "perf", "-j", "2", "--out"};

    auto from_package = run_command(
        [&] {
            auto args = run;
            args.insert(args.begin(), p.program());
            args.push_back(p.work.file("installed"));
            return args;
        }(),
        std::chrono::minutes(5));
    auto from_build = testing::ipc_claims(
        [&] {
            auto args = run;
            args.push_back(p.work.file("built"));
            return args;
        }(),
        std::chrono::minutes(5));
    // Exit 1 on a FAIL in both would be the kernel's doing: the verdicts are compared.
    REQUIRE_MESSAGE(from_package.exit_code <= 1, from_package.output);
    REQUIRE_MESSAGE(from_build.exit_code <= 1, from_build.output);
    const auto installed = verdicts(p.work.file("installed") + "/results.json");
    const auto built = verdicts(p.work.file("built") + "/results.json");
    CHECK(installed.size() >= 250);
    CHECK_EQ(installed, built);
}

TEST_CASE("installed: the fault shims, the labs and the default output directory are found under the root") {
    Package& p = package();
    // sensitivity finds the installed fault lists and shims (PIPE-04's faults must make it fail).
    auto sens = run_command({p.program(), "sensitivity", "PIPE-04", "--out", p.work.file("sensitivity")},
                            std::chrono::minutes(2));
    CHECK_MESSAGE(sens.exit_code == 0, sens.output);
    CHECK(contains(sens.output, "pipe_never_blocks"));

    // grade looks for a lab among the installed ones.
    auto grade = run_command({p.program(), "grade", "nolab", p.work.path()});
    CHECK_EQ(grade.exit_code, 2);
    CHECK_MESSAGE(contains(grade.output, (p.root / "usr/share/ipc-claims/labs/nolab").string()), grade.output);

    // With no --out, a run writes to ./ipc-claims-results (the program's directory is /usr/bin).
    const fs::path cwd = p.work.file("cwd");
    fs::create_directories(cwd);
    auto here = run_command({"/bin/sh", "-c", "cd \"$0\" && exec \"$1\" run PIPE-01", cwd.string(), p.program()});
    CHECK_MESSAGE(here.exit_code == 0, here.output);
    CHECK(fs::exists(cwd / "ipc-claims-results/results.json"));
}
