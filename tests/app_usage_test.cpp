// The ipc-claims program's command line: every bad input, whatever the
// command, is one line on stderr saying what is wrong and exit 2; --help
// exits 0; --version names the version, the commit and the claim count; the
// README's exit-code table is what the commands do.
#include <doctest/doctest.h>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "command.hpp"
#include "ipc/process.hpp"
#include "ipc/readiness.hpp"
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
        {{"--cases", dir.path(), "run", "PIPE", "--out", dir.file("out")},
         "no case program of the selected claims in " + dir.path()},
        {{"run", "PIPE-04", "--out", "/proc/ipc-claims"}, "output directory /proc/ipc-claims is not writable"},
        {{"run", "PIPE-04", "--wrap", "'unclosed"}, "cannot parse --wrap"},
        {{"sensitivity", "--faults", "/nonexistent.toml"}, "--faults: no file `/nonexistent.toml`"},
        {{"sensitivity", "--faults", "/tmp"}, "--faults: `/tmp` is not a regular file"},
        {{"exec", "/nonexistent/case"}, "cannot execute /nonexistent/case"},
        {{"exec", "PIPE-04"}, "(exec runs a program; `ipc-claims run PIPE-04` runs a claim)"},
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

namespace {

namespace fs = std::filesystem;

// The README's exit-code table: each row's command (its first code span)
// and the codes its second cell names as code spans (`0`, `77`, `128+N`).
std::map<std::string, std::set<std::string>> readme_exit_codes() {
    std::ifstream in(IPC_SOURCE_DIR "/README.md");
    std::map<std::string, std::set<std::string>> table;
    bool in_table = false;
    const std::regex row("^\\| `([a-z-]+)` \\|(.*)\\|$"), code("`([0-9]+|128\\+N)`");
    for (std::string line; std::getline(in, line);) {
        if (line == "## Exit codes") in_table = true;
        else if (in_table && line.rfind("## ", 0) == 0) break;
        std::smatch m;
        if (!in_table || !std::regex_match(line, m, row)) continue;
        const std::string cell = m[2].str();
        auto& codes = table[m[1].str()];
        for (std::sregex_iterator it(cell.begin(), cell.end(), code), end; it != end; ++it)
            codes.insert((*it)[1].str());
    }
    return table;
}

// The commands `ipc-claims --help` lists.
std::set<std::string> commands_in_help() {
    auto help = ipc_claims({"--help"});
    REQUIRE_EQ(help.exit_code, 0);
    std::set<std::string> names;
    const std::string text = help.output.substr(help.output.find("Subcommands:"));
    const std::regex entry("\n  ([a-z-]+) ");
    for (std::sregex_iterator it(text.begin(), text.end(), entry), end; it != end; ++it) names.insert((*it)[1].str());
    return names;
}

// How each (command, code) of the table is shown: a command line here that
// exits with it; where that takes a kernel, a whole bench or a class of
// submissions, the test elsewhere that shows it; where no test can cause it
// (a measurement that fails), the code that returns it. The file named must
// say what is quoted.
struct Shown {
    std::vector<std::string> args;  // empty: shown elsewhere
    std::string file, text;         // a file of the source tree and what it says
};
Shown here(std::vector<std::string> args) { return {std::move(args), "", ""}; }
Shown elsewhere(std::string file, std::string text) { return {{}, std::move(file), std::move(text)}; }

// `ipc-claims ARGS` started, stopped by SIGTERM once the case it runs has
// recorded its pid in the directory PIDS (made here): the exit status.
int exit_after_sigterm(const std::vector<std::string>& args, const fs::path& pids) {
    fs::create_directories(pids);
    auto runner = ipc::Child::fork([&] {
        ::setenv("IPC_TEST_PID_DIR", pids.c_str(), 1);
        std::vector<char*> words{const_cast<char*>(IPC_CLAIMS_BIN)};
        for (auto& a : args) words.push_back(const_cast<char*>(a.c_str()));
        words.push_back(nullptr);
        ::execv(IPC_CLAIMS_BIN, words.data());
        return 127;
    });
    REQUIRE_MESSAGE(ipc::eventually([&] { return !fs::is_empty(pids); }), "the case did not start");
    runner.kill(SIGTERM);
    auto status = runner.wait();
    return status.exited() ? status.exit_code() : -1;
}

}  // namespace

TEST_CASE("the README's exit-code table: every command, every code, each one shown") {
    const auto table = readme_exit_codes();
    CHECK_EQ(
        [&] {
            std::set<std::string> rows;
            for (const auto& [command, codes] : table) rows.insert(command);
            return rows;
        }(),
        commands_in_help());

    ipc::TempDir dir;
    const fs::path top = dir.path();
    // A case that hangs (and records its pid), in a catalogue of its own, for the interruptions.
    for (const char* d : {"catalogue", "cases/x", "pids", "ipc"}) fs::create_directories(top / d);
    fs::copy(testing::test_program("hang_and_record"), top / "cases/x/hang");
    std::ofstream(top / "catalogue/x.toml") << "area = \"x\"\norder = 1\ntitle = \"X\"\n"
                                               "[[claim]]\nid = \"X-1\"\nkind = \"edge\"\nstatement = \"hangs\"\n"
                                               "case = \"hang\"\n";
    ::setenv("IPC_TEST_PID_DIR", (top / "pids").c_str(), 1);
    ::setenv("IPC_TEST_IPC_DIR", (top / "ipc").c_str(), 1);
    const std::vector<std::string> hanging = {"--catalogue", (top / "catalogue").string(), "--cases",
                                              (top / "cases").string()};
    // A fault that names MSG-03 but breaks only PIPE-08: missed; one for the hanging case.
    std::ofstream(top / "missed.toml") << "[[fault]]\nshim = \"sigpipe_ignored\"\nbreaks = [\"MSG-03\"]\n"
                                          "why = \"breaks another claim\"\n";
    std::ofstream(top / "hang.toml") << "[[fault]]\nshim = \"pipe_never_blocks\"\nbreaks = [\"X-1\"]\nwhy = \"none\"\n";
    const std::string never_blocks = "env LD_PRELOAD=" IPC_FAULTS_DIR "/pipe_never_blocks.so";
    const std::string pass = (top / "pass").string(), fail = (top / "fail").string();
    const std::string prog = testing::test_program("exit_with");

    // In order: the runs whose results later lines read come first.
    const std::vector<std::tuple<std::string, std::string, Shown>> shown = {
        {"list", "0", here({"list", "PIPE"})},
        {"list", "2", here({"list", "NOPE-99"})},
        {"run", "0", here({"run", "PIPE-04", "--out", pass})},
        {"run", "1", here({"run", "PIPE-04", "--wrap", never_blocks, "--out", fail})},
        {"run", "2", here({"run", "-j", "0"})},
        {"run", "128+N", elsewhere("tests/abuse_test.cpp", "a runner stopped mid-run by SIGINT, SIGTERM or SIGKILL")},
        {"sensitivity", "0", here({"sensitivity", "PIPE-04", "--out", (top / "s0").string()})},
        {"sensitivity", "1",
         here({"sensitivity", "MSG-03", "--faults", (top / "missed.toml").string(), "--out", (top / "s1").string()})},
        {"sensitivity", "2", here({"sensitivity", "--fail-under", "101"})},
        {"sensitivity", "128+N", here({"sensitivity"})},  // interrupted below
        {"report", "0", here({"report", pass + "/results.json", "--out", (top / "report").string()})},
        {"report", "2", here({"report"})},
        {"diff", "0", here({"diff", pass + "/results.json", pass + "/results.json"})},
        {"diff", "1", here({"diff", pass + "/results.json", fail + "/results.json"})},
        {"diff", "2", here({"diff", "a.json"})},
        {"matrix", "0", here({"matrix", pass, fail, "--out", (top / "matrix").string()})},
        {"matrix", "2", here({"matrix"})},
        {"exec", "0", here({"exec", prog, "0"})},
        {"exec", "1", here({"exec", prog, "3"})},
        {"exec", "77", here({"exec", prog, "77"})},
        {"exec", "99", here({"exec", prog, "99"})},
        {"exec", "124", here({"exec", "--timeout", "0.5", testing::test_program("hang_and_record")})},
        {"exec", "2", here({"exec", "PIPE-04"})},
        {"exec", "128+N", here({"exec"})},  // interrupted below
        {"grade", "0",
         elsewhere("tests/grade_test.cpp", "the reports of its reference and of the faults that end by themselves")},
        {"grade", "2", here({"grade", "shm"})},
        {"lab", "0", elsewhere("tests/lab_check_test.cpp", "every shipped lab passes lab check")},
        {"lab", "1", elsewhere("tests/lab_check_test.cpp", "the lab is wrong, and why")},
        {"lab", "2", here({"lab", "check"})},
        {"bench", "0", elsewhere("tests/bench_test.cpp", "a tiny bench of two mechanisms writes bench.json")},
        {"bench", "1", elsewhere("tests/bench_test.cpp", "worse is exit 1")},
        {"bench", "2", here({"bench", "--sizes", "0"})},
        {"bench", "3", elsewhere("bench/src/command.cpp", "exit_failed = 3")},
        {"bench", "128+N", elsewhere("tests/bench_test.cpp", "CHECK_EQ(r.exit_code, 128 + SIGINT)")},
        {"coverage", "0", elsewhere("tests/kernel-coverage/check", "ipc-claims coverage exits 0")},
        {"coverage", "1", elsewhere("app/coverage.cpp", "return 1;")},
        {"coverage", "2", here({"coverage", "--frob"})},
        {"coverage", "128+N", elsewhere("kernel_coverage/host_run.cpp", "if (interrupted) return 128 + interrupted;")},
    };

    std::map<std::string, std::set<std::string>> tested;
    for (const auto& [command, code, how] : shown) {
        tested[command].insert(code);
        CAPTURE(command);
        CAPTURE(code);
        if (how.args.empty()) {
            CHECK_MESSAGE(testing::contains(testing::slurp(IPC_SOURCE_DIR "/" + how.file), how.text),
                          how.file << " does not say `" << how.text << "`");
        } else if (code == "128+N") {
            std::vector<std::string> args = hanging;
            args.insert(args.end(), how.args.begin(), how.args.end());
            if (command == "exec") args.push_back((top / "cases/x/hang").string());
            else args.insert(args.end(), {"--faults", (top / "hang.toml").string(), "--out", (top / command).string()});
            CHECK_EQ(exit_after_sigterm(args, top / ("pids-" + command)), 128 + SIGTERM);
        } else {
            auto r = ipc_claims(how.args, std::chrono::seconds(60));
            CAPTURE(r.output);
            CHECK_EQ(std::to_string(r.exit_code), code);
        }
    }
    auto listed = [](const std::set<std::string>& codes) {
        std::string text;
        for (const auto& c : codes) text += " " + c;
        return text;
    };
    for (const auto& [command, codes] : table)
        CHECK_MESSAGE(codes == tested[command],
                      command << ": the README says" << listed(codes) << ", the test shows" << listed(tested[command]));
}
