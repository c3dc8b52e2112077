// gVisor as a target (`--runtime gvisor`): the runner's guarantees hold in
// runsc's sandbox as on the host: verdicts from the case's own exit or
// signal, the same verdict as `runsc do CASE`, evidence collected, the
// runtime recorded, the deadline kills the sandbox and everything in it,
// and nothing is left on the host (IPC objects, processes, files).
// Skipped (exit 77) without runsc or without root.
#include <doctest/doctest.h>
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <dirent.h>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "command.hpp"
#include "ipc/fresh_key.hpp"
#include "ipc/sysv.hpp"
#include "ipc/temp_dir.hpp"
#include "runner/isolation.hpp"

namespace fs = std::filesystem;
using testing::contains;
using testing::ipc_claims;
using testing::run_command;
using testing::test_program;

namespace {

std::string runsc_path() {
    for (const char* dir : {"/usr/sbin", "/usr/bin", "/usr/local/bin", "/usr/local/sbin", "/bin", "/sbin"}) {
        std::string p = std::string(dir) + "/runsc";
        if (::access(p.c_str(), X_OK) == 0) return p;
    }
    return "";
}

// CTest's SKIP_RETURN_CODE, before doctest runs anything.
const bool checked = [] {
    const char* why = runsc_path().empty() ? "runsc is not installed (Debian's runsc package)"
                      : ::geteuid() != 0   ? "--runtime gvisor needs root"
                                           : nullptr;
    if (!why) return true;
    std::printf("SKIP: %s\n", why);
    std::fflush(stdout);
    std::_Exit(77);
}();

const std::string case_bin(const std::string& path) { return IPC_BUILD_DIR "/cases/" + path; }

// Every process whose command line mentions `part` (runsc's --root names the case's directory).
std::vector<std::string> processes_mentioning(const std::string& part) {
    std::vector<std::string> found;
    for (auto& entry : fs::directory_iterator("/proc")) {
        std::string name = entry.path().filename();
        if (name.empty() || !std::isdigit(static_cast<unsigned char>(name[0])) || name == std::to_string(::getpid()))
            continue;
        std::string cmdline = testing::slurp(entry.path() / "cmdline");
        for (auto& c : cmdline)
            if (c == '\0') c = ' ';
        if (contains(cmdline, part)) found.push_back(name + ": " + cmdline);
    }
    return found;
}

std::set<std::string> entries(const fs::path& dir) {
    std::set<std::string> names;
    std::error_code ec;
    for (auto& e : fs::directory_iterator(dir, ec)) names.insert(e.path().filename());
    return names;
}

// `ipc-claims ARGS` with its temporary directories under `tmpdir`.
testing::CommandResult ipc_claims_in(const std::string& tmpdir, std::vector<std::string> args,
                                     std::chrono::milliseconds deadline = std::chrono::seconds(60)) {
    std::vector<std::string> argv = {"/usr/bin/env", "TMPDIR=" + tmpdir, IPC_CLAIMS_BIN};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_command(argv, deadline);
}

std::string verdict_of_exit(int code) {
    return code == 0 ? "PASS" : code == 77 ? "SKIP" : code == 99 ? "BROKEN" : "FAIL";
}

}  // namespace

TEST_CASE("run --runtime gvisor: the verdicts of runsc do, evidence, and the runtime recorded") {
    REQUIRE(checked);
    ipc::TempDir out, tmp;
    const auto ipc_before = runner::host_ipc_objects();
    const auto shm_before = entries("/dev/shm");
    auto r =
        ipc_claims_in(tmp.path(), {"run", "PIPE-01", "MSG-03", "--runtime", "gvisor", "-j", "2", "--out", out.path()});
    REQUIRE_MESSAGE((r.exit_code == 0 || r.exit_code == 1), r.output);

    std::ifstream in(out.file("results.json"));
    auto results = nlohmann::json::parse(in);
    const auto& env = results["environment"];
    CHECK_EQ(env["runtime"]["name"], "gvisor");
    CHECK_FALSE(env["runtime"]["version"].get<std::string>().empty());
    CHECK_EQ(env["runtime"]["platform"], "ptrace");
    utsname host{};
    ::uname(&host);
    CHECK_EQ(env["runtime"]["host_kernel"], host.release);  // the kernel the sandbox saw is gVisor's
    CHECK(env["kernel"]["release"].is_string());
    CHECK_EQ(env["isolation"], "gvisor-sandbox");
    REQUIRE_EQ(results["cases"].size(), 2u);

    for (const auto& c : results["cases"]) {
        CAPTURE(c.dump(1));
        CHECK_EQ(c["isolation"], "gvisor-sandbox");
        // The case's evidence crossed the sandbox (its own keys, not only the runner's).
        int own = 0;
        for (auto& [key, value] : c["evidence"].items()) own += key.rfind("runner.", 0) != 0;
        if (c["verdict"] == "PASS") CHECK(own > 0);
        // The same verdict as the case run directly under runsc do.
        auto direct = run_command(
            {runsc_path(), "--network=none", "--platform=ptrace", "do", case_bin(c["case"].get<std::string>())});
        CHECK_EQ(c["verdict"].get<std::string>(), verdict_of_exit(direct.exit_code));
    }
    CHECK(entries(tmp.path()).empty());  // the cases' directories, runsc's state among them
    CHECK(runner::host_ipc_objects() == ipc_before);
    CHECK(entries("/dev/shm") == shm_before);
}

TEST_CASE("exec --runtime gvisor: exit codes and deaths by signal come through the sandbox") {
    auto code = [](std::vector<std::string> program) {
        std::vector<std::string> args = {"exec", "--runtime", "gvisor"};
        args.insert(args.end(), program.begin(), program.end());
        return ipc_claims(args);
    };
    CHECK_EQ(code({test_program("exit_with"), "0"}).exit_code, 0);
    CHECK_EQ(code({test_program("exit_with"), "3"}).exit_code, 1);
    auto skip = code({test_program("exit_with"), "77", "SKIP: no such feature"});
    CHECK_EQ(skip.exit_code, 77);
    CHECK(contains(skip.output, "SKIP: no such feature"));
    CHECK(contains(skip.output, "isolation gvisor-sandbox"));
    CHECK_EQ(code({test_program("exit_with"), "99"}).exit_code, 99);
    auto crash = code({test_program("crash")});
    CHECK_EQ(crash.exit_code, 1);
    CHECK_MESSAGE(contains(crash.output, "killed by SIGSEGV"), crash.output);  // not runsc's "exit 139"
}

TEST_CASE("exec --runtime gvisor: the deadline kills the sandbox, its gofer and the case; nothing is left") {
    ipc::TempDir tmp;
    auto r = ipc_claims_in(tmp.path(), {"exec", "--runtime", "gvisor", "--timeout", "3",
                                        test_program("hang_with_escapee"), "pids"});
    CHECK_MESSAGE(r.exit_code == 124, r.output);
    CHECK_MESSAGE(r.seconds < 15, "took " << r.seconds << " s");
    CHECK_MESSAGE(contains(r.output, "runner.sandbox_processes_killed"), r.output);  // there was a sandbox to kill
    std::string left;
    for (const auto& p : processes_mentioning(tmp.path())) left += p + "\n";
    CHECK_MESSAGE(left.empty(), "still running:\n" << left);
    CHECK(entries(tmp.path()).empty());

    // runsc writes the output to the host's file itself: the runner stops a flood as SIGXFSZ would.
    auto flood = ipc_claims_in(tmp.path(), {"exec", "--runtime", "gvisor", "--quiet", "--timeout", "20",
                                            test_program("flood_output")});
    CHECK_EQ(flood.exit_code, 1);
    CHECK_MESSAGE(flood.seconds < 15, "took " << flood.seconds << " s");
    CHECK(entries(tmp.path()).empty());
}

TEST_CASE("exec --runtime gvisor: System V objects stay in the sandbox; --wrap runs inside it") {
    const key_t key = ipc::fresh_key();
    auto leak = ipc_claims({"exec", "--runtime", "gvisor", test_program("leak_ipc"), std::to_string(key)});
    REQUIRE_MESSAGE(leak.exit_code == 0, leak.output);
    CHECK_EQ(::msgget(key, 0), -1);
    CHECK_EQ(::shmget(key, 0, 0), -1);
    CHECK_EQ(::semget(key, 0, 0), -1);

    // A fault shim through --wrap: LD_PRELOAD reaches the case inside the sandbox.
    const std::string shim = std::string(IPC_FAULTS_DIR) + "/pipe_ends_swapped.so";
    auto plain = ipc_claims({"exec", "--runtime", "gvisor", case_bin("pipe/bytes_come_out_in_order")});
    if (plain.exit_code != 0) {
        MESSAGE("PIPE-01 does not pass under gVisor here; --wrap checked by its environment only");
    } else {
        auto wrapped = ipc_claims({"exec", "--runtime", "gvisor", "--wrap", "env LD_PRELOAD=" + shim,
                                   case_bin("pipe/bytes_come_out_in_order")});
        CHECK_MESSAGE(wrapped.exit_code == 1, wrapped.output);
    }
    auto env = ipc_claims({"exec", "--runtime", "gvisor", "--wrap", "env IPC_TEST_WRAPPED=yes", "/usr/bin/env"});
    CHECK_MESSAGE(contains(env.output, "IPC_TEST_WRAPPED=yes"), env.output);
    CHECK(contains(env.output, "IPC_CLAIMS_ISOLATION=gvisor-sandbox"));
}

TEST_CASE("a sandbox that cannot start is one line and exit 2, not a run of BROKEN cases") {
    ipc::TempDir out, tmp;
    // No such platform: runsc refuses to start the sandbox.
    auto r = ipc_claims_in(tmp.path(), {"run", "PIPE-01", "--runtime", "gvisor", "--gvisor-platform", "nosuchplatform",
                                        "--out", out.path()});
    CHECK_EQ(r.exit_code, 2);
    CHECK_MESSAGE(contains(r.output, "ipc-claims: --runtime gvisor: cannot start a sandbox: "), r.output);
    CHECK_MESSAGE(std::count(r.output.begin(), r.output.end(), '\n') == 1, r.output);
    CHECK_FALSE(fs::exists(out.file("results.json")));
    CHECK(entries(tmp.path()).empty());

    auto e = ipc_claims_in(tmp.path(), {"exec", "--runtime", "gvisor", "--gvisor-platform", "nosuchplatform",
                                        test_program("exit_with"), "0"});
    CHECK_EQ(e.exit_code, 2);
    CHECK_MESSAGE(contains(e.output, "cannot start a sandbox"), e.output);
}
