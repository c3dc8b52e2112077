// The ipc-claims program's command line: every bad input, whatever the
// command, is one line on stderr saying what is wrong and exit 2; --help
// exits 0; --version names the version, the commit and the claim count.
#include <doctest/doctest.h>
#include <regex>
#include <string>
#include <vector>

#include "command.hpp"
#include "ipc/temp_dir.hpp"

using testing::contains;
using testing::ipc_claims;
using testing::lines_of;

namespace {

struct BadInput {
    std::vector<std::string> args;
    std::string says;  // part of the one line
};

void check_usage_errors(const std::vector<BadInput>& cases) {
    for (const auto& c : cases) {
        std::string command = "ipc-claims";
        for (const auto& a : c.args) command += " `" + a + "`";
        auto r = ipc_claims(c.args, std::chrono::seconds(30));
        CAPTURE(command);
        CAPTURE(r.output);
        CHECK_EQ(r.exit_code, 2);
        CHECK_EQ(lines_of(r.output), 1);
        CHECK(r.output.rfind("ipc-claims", 0) == 0);
        CHECK_MESSAGE(contains(r.output, c.says), "expected `" << c.says << "`");
    }
}

}  // namespace

TEST_CASE("no command, an unknown command or option, a missing argument: one line, exit 2") {
    check_usage_errors({
        {{}, "a command is needed: one of list, run, sensitivity, report, diff, matrix, exec, grade, bench"},
        {{"frobnicate"}, "frobnicate"},
        {{"run", "--frob"}, "--frob"},
        {{"bench", "--size", "0"}, "--size"},  // the option is --sizes
        {{"run", "--version"}, "--version"},   // a flag of the program, not of run
        {{"exec"}, "program is required"},
        {{"report"}, "results is required"},
        {{"diff", "a.json"}, "b is required"},
        {{"matrix"}, "runs is required"},
        {{"grade", "shm"}, "submissions is required"},
        {{"bench", "--compare", "old.json"}, "--compare"},
    });
}

TEST_CASE("counts and seconds out of range say what is accepted") {
    check_usage_errors({
        {{"run", "-j", "0"}, "--jobs: `0` is not a whole number from 1 to 256"},
        {{"run", "-j", "-3"}, "--jobs: `-3` is not a whole number from 1 to 256"},
        {{"run", "--jobs", "1.5"}, "--jobs: `1.5` is not a whole number from 1 to 256"},
        {{"run", "-j", "many"}, "--jobs: `many` is not a whole number from 1 to 256"},
        {{"run", "--timeout", "-1"}, "--timeout: `-1` is not a positive number of seconds"},
        {{"run", "--timeout", "0"}, "--timeout: `0` is not a positive number of seconds"},
        {{"run", "--timeout", "soon"}, "--timeout: `soon` is not a positive number of seconds"},
        {{"run", "--timeout", "inf"}, "--timeout: `inf` is not a positive number of seconds"},
        {{"sensitivity", "-j", "0"}, "--jobs: `0` is not a whole number from 1 to 256"},
        {{"sensitivity", "--timeout", "-2"}, "--timeout: `-2` is not a positive number of seconds"},
        {{"sensitivity", "--fail-under", "101"}, "--fail-under: `101` is not a percentage from 0 to 100"},
        {{"sensitivity", "--fail-under", "-1"}, "--fail-under: `-1` is not a percentage from 0 to 100"},
        {{"exec", "--timeout", "-1", "/bin/true"}, "--timeout: `-1` is not a positive number of seconds"},
        {{"run", "--kernel-cpus", "0"}, "--kernel-cpus: `0` is not a whole number from 1 to 64"},
        {{"run", "--kernel-memory", "12"}, "--kernel-memory: `12` is not a whole number from 256 to 65536"},
        {{"run", "--kernel-timeout", "-5"}, "--kernel-timeout: `-5` is not a positive number of seconds"},
        {{"bench", "--kernel-cpus", "0"}, "--kernel-cpus: `0` is not a whole number from 1 to 64"},
        {{"grade", "-j", "0", "shm", "/tmp"}, "--jobs: `0` is not a whole number from 1 to 64"},
        {{"grade", "--seed", "-1", "shm", "/tmp"}, "--seed: `-1` is not a whole number from 0 to 4294967295"},
        {{"bench", "pipe", "--reps", "0"}, "--reps 0: a whole number from 1 to 100"},
        {{"bench", "pipe", "--time", "-1"}, "--time -1: a measurement needs a positive time"},
    });
}

TEST_CASE("unknown names say which are known") {
    check_usage_errors({
        {{"run", "--format", "tap"}, "--format: `tap` is not one of text, ktap"},
        {{"run", "--accel", "fast"}, "--accel: `fast` is not one of auto, kvm, tcg"},
        {{"run", "PIPE-04", "--runtime", "docker"}, "unknown runtime `docker` (valid: native, gvisor)"},
        {{"exec", "--runtime", "kvm", "/bin/true"}, "unknown runtime `kvm` (valid: native, gvisor)"},
        {{"run", "NOPE-99"}, "no claim matches `NOPE-99`"},
        {{"list", "NOPE-99"}, "no claim matches `NOPE-99`"},
        {{"grade", "nolab", "/tmp"}, "no lab `nolab`"},
        {{"bench", "carrier-pigeon"}, "carrier-pigeon"},
        {{"run", "PIPE-04", "--runtime", "gvisor", "--kernel", "/boot/vmlinuz"},
         "--runtime gvisor and --kernel do not combine"},
    });
}

TEST_CASE("missing files and directories, unwritable ones, malformed --wrap") {
    ipc::TempDir dir;
    const std::string missing = dir.file("missing.json");
    check_usage_errors({
        {{"--catalogue", "/nonexistent", "list"}, "no catalogue directory"},
        {{"--catalogue", "/nonexistent", "--version"}, "no catalogue directory"},
        {{"--cases", "/nonexistent", "run", "PIPE-04", "--out", dir.file("out")},
         "--cases /nonexistent is not a directory"},
        {{"run", "PIPE-04", "--out", "/proc/ipc-claims"}, "output directory /proc/ipc-claims is not writable"},
        {{"run", "PIPE-04", "--wrap", "'unclosed"}, "cannot parse --wrap"},
        {{"sensitivity", "--faults", "/nonexistent.toml"}, "--faults: no file `/nonexistent.toml`"},
        {{"sensitivity", "--faults", "/tmp"}, "--faults: `/tmp` is not a regular file"},
        {{"exec", "/nonexistent/case"}, "cannot execute /nonexistent/case"},
        {{"exec", "/tmp"}, "cannot execute /tmp: not a file"},
        {{"exec", "--result", "/nonexistent/r.json", "/bin/true"}, "--result /nonexistent/r.json: no such directory"},
        {{"report", missing}, missing},
        {{"diff", missing, missing}, missing},
        {{"matrix", missing}, missing},
        {{"grade", "shm", "/nonexistent"}, "not a submission directory: /nonexistent"},
        {{"bench", "--compare", missing, missing}, missing},
    });
}

TEST_CASE("--help prints the usage and exits 0, for the program and for every command") {
    for (std::vector<std::string> args : std::vector<std::vector<std::string>>{{"--help"},
                                                                               {"list", "--help"},
                                                                               {"run", "--help"},
                                                                               {"sensitivity", "--help"},
                                                                               {"report", "--help"},
                                                                               {"diff", "--help"},
                                                                               {"matrix", "--help"},
                                                                               {"exec", "--help"},
                                                                               {"grade", "--help"},
                                                                               {"bench", "-h"}}) {
        auto r = ipc_claims(args);
        CAPTURE(args.front());
        CAPTURE(r.output);
        CHECK_EQ(r.exit_code, 0);
        CHECK(contains(r.output, "Usage:"));
    }
}

TEST_CASE("--version: the project's version, the commit built, the catalogue's claim count") {
    auto r = ipc_claims({"--version"});
    REQUIRE_MESSAGE(r.exit_code == 0, r.output);
    std::smatch m;
    REQUIRE_MESSAGE(
        std::regex_match(r.output, m,
                         std::regex("ipc-claims (\\S+)\ncommit (\\S+)\ncatalogue: (\\d+ claims, \\d+ implemented)\n")),
        r.output);
    std::smatch project;
    const std::string cmake = testing::slurp(IPC_SOURCE_DIR "/CMakeLists.txt");
    REQUIRE(std::regex_search(cmake, project, std::regex("project\\(ipc-claims VERSION (\\S+)")));
    CHECK_EQ(m[1].str(), project[1].str());

    // The commit is one of this checkout's (configured from it), or unknown outside one.
    const std::string commit = m[2].str();
    auto top = testing::run_command({"/usr/bin/git", "-C", IPC_SOURCE_DIR, "rev-parse", "--show-toplevel"});
    if (top.exit_code == 0) {
        CHECK(std::regex_match(commit, std::regex("[0-9a-f]{40}")));
        auto known =
            testing::run_command({"/usr/bin/git", "-C", IPC_SOURCE_DIR, "cat-file", "-e", commit + "^{commit}"});
        CHECK_MESSAGE(known.exit_code == 0, commit << ": " << known.output);
    } else {
        CHECK_EQ(commit, "unknown");
    }

    // The same count `list` ends with.
    auto list = ipc_claims({"list"});
    REQUIRE_EQ(list.exit_code, 0);
    CHECK_MESSAGE(contains(list.output, "\n" + m[3].str() + "\n"), list.output.substr(list.output.size() - 100));
}
