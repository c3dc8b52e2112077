// The runner's contract: verdicts from exit codes and signals, deadlines,
// isolation before exec, nothing left behind, and clear errors for bad input.
#include <doctest/doctest.h>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <pugixml.hpp>
#include <regex>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>

#include "command.hpp"
#include "ipc/fresh_key.hpp"
#include "ipc/sysv.hpp"
#include "ipc/temp_dir.hpp"

using testing::ipc_claims;
using testing::test_program;

TEST_CASE("exit codes and signals give the verdicts") {
    CHECK_EQ(ipc_claims({"exec", test_program("exit_with"), "0"}).exit_code, 0);
    CHECK_EQ(ipc_claims({"exec", test_program("exit_with"), "3"}).exit_code, 1);
    auto skip = ipc_claims({"exec", test_program("exit_with"), "77", "SKIP: no such feature"});
    CHECK_EQ(skip.exit_code, 77);
    CHECK(skip.output.find("SKIP: no such feature") != std::string::npos);
    CHECK_EQ(ipc_claims({"exec", test_program("exit_with"), "99"}).exit_code, 99);

    auto crash = ipc_claims({"exec", test_program("crash")});
    CHECK_EQ(crash.exit_code, 1);
    CHECK_MESSAGE(crash.output.find("killed by SIGSEGV") != std::string::npos, crash.output);
}

TEST_CASE("a hanging program is a TIMEOUT at its deadline, and nothing it started survives") {
    ipc::TempDir dir;
    const std::string pid_file = dir.file("pid");
    auto r = ipc_claims({"exec", "--timeout", "0.5", test_program("hang_with_escapee"), pid_file});
    CHECK_EQ(r.exit_code, 124);
    CHECK_MESSAGE(r.seconds < 5, "took " << r.seconds << " s");
    CHECK_MESSAGE(r.output.find("leftover process") != std::string::npos, r.output);

    std::ifstream in(pid_file);
    pid_t pid = 0;
    in >> pid;
    REQUIRE(pid > 0);
    CHECK_FALSE(testing::process_exists(pid));
}

TEST_CASE("a case starts isolated: default SIGPIPE, empty mask, own tmpdir, group and IPC namespace") {
    auto r = testing::run_command(
        {test_program("ignore_sigpipe_then_exec"), IPC_CLAIMS_BIN, "exec", test_program("print_environment")});
    REQUIRE_EQ(r.exit_code, 0);
    CHECK_MESSAGE(r.output.find("sigpipe=default") != std::string::npos, r.output);
    CHECK(r.output.find("blocked=0") != std::string::npos);
    CHECK(r.output.find("pgid_is_self=1") != std::string::npos);
    CHECK(r.output.find("tmpdir=/") != std::string::npos);

    char host_ns[256] = {};
    REQUIRE(::readlink("/proc/self/ns/ipc", host_ns, sizeof host_ns - 1) > 0);
    CHECK_MESSAGE(r.output.find(std::string("ipc_ns=") + host_ns) == std::string::npos,
                  "the case ran in the host's IPC namespace:\n"
                      << r.output);
}

TEST_CASE("PIPE-08 keeps its verdict under a parent that ignores SIGPIPE") {
    auto r = testing::run_command({test_program("ignore_sigpipe_then_exec"), IPC_CLAIMS_BIN, "exec",
                                   IPC_BUILD_DIR "/cases/pipe/sigpipe_kills_writer"});
    CHECK_MESSAGE(r.exit_code == 0, r.output);
}

TEST_CASE("System V objects a program leaks never reach the host") {
    const key_t key = ipc::fresh_key();
    auto r = ipc_claims({"exec", test_program("leak_ipc"), std::to_string(key)});
    REQUIRE_MESSAGE(r.exit_code == 0, r.output);
    CHECK_EQ(::msgget(key, 0), -1);
    CHECK_EQ(::shmget(key, 0, 0), -1);
    CHECK_EQ(::semget(key, 0, 0), -1);
}

TEST_CASE("run writes results.json (schema 2) and junit.xml with evidence") {
    ipc::TempDir out;
    auto r = ipc_claims({"run", "MSG-03", "pipe", "--out", out.path()});
    REQUIRE_MESSAGE(r.exit_code == 0, r.output);
    CHECK(r.output.find("passed, 0 failed") != std::string::npos);

    std::ifstream in(out.file("results.json"));
    auto results = nlohmann::json::parse(in);
    CHECK_EQ(results["schema"], 2);
    CHECK_EQ(results["tool"]["name"], "ipc-claims");
    CHECK_FALSE(results["tool"]["version"].get<std::string>().empty());
    CHECK(std::regex_match(results["started_at"].get<std::string>(),
                           std::regex("20[0-9]{2}-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9]Z")));
    CHECK(results["environment"]["kernel"]["release"].is_string());
    CHECK(results["environment"]["page_size"].get<long>() > 0);
    REQUIRE(results["cases"].size() >= 2);
    // Catalogue order (the pipe area before msg), not finishing order.
    CHECK_EQ(results["cases"].front()["claim"].get<std::string>().rfind("PIPE-", 0), 0u);
    CHECK_EQ(results["cases"].back()["claim"], "MSG-03");
    for (auto& c : results["cases"]) {
        CHECK_EQ(c["verdict"], "PASS");
        CHECK_EQ(c["reason"], "");
        if (c["claim"] == "PIPE-04") CHECK(c["evidence"].contains("bytes_accepted_before_blocking"));
    }

    pugi::xml_document junit;
    REQUIRE(junit.load_file(out.file("junit.xml").c_str()));
    CHECK_EQ(junit.child("testsuites").attribute("tests").as_int(), static_cast<int>(results["cases"].size()));
}

TEST_CASE("a FAIL's console lines start at its first failed check and label the kernel's value") {
    ipc::TempDir out;
    const std::string shim = std::string(IPC_FAULTS_DIR) + "/pipe_drops_data_at_eof.so";
    auto r = ipc_claims({"run", "PIPE-06", "--wrap", "env LD_PRELOAD=" + shim, "--out", out.path()});
    REQUIRE_MESSAGE(r.exit_code == 1, r.output);
    const auto line = r.output.find("FAIL    PIPE-06");
    REQUIRE_MESSAGE(line != std::string::npos, r.output);
    // The next line is the first failed check, whole; then its values, the kernel's named.
    const auto tail = r.output.substr(r.output.find('\n', line) + 1);
    CHECK_MESSAGE(std::regex_search(tail,
                                    std::regex("^        \\| [^\n]*: ERROR: [A-Z_]+\\( [^\n]* \\) is NOT correct!\n"
                                               "        \\|   kernel: ")),
                  r.output);

    std::ifstream in(out.file("results.json"));
    const auto pipe06 = nlohmann::json::parse(in)["cases"][0];
    CHECK_EQ(pipe06["verdict"], "FAIL");
    CHECK_MESSAGE(pipe06["reason"].get<std::string>().find(" kernel: ") != std::string::npos, pipe06["reason"]);
}

TEST_CASE("bad input gets a clear message and a non-zero exit") {
    auto unknown = ipc_claims({"run", "NOPE-99"});
    CHECK_EQ(unknown.exit_code, 2);
    CHECK(unknown.output.find("no claim matches `NOPE-99`") != std::string::npos);

    auto missing = ipc_claims({"exec", "/nonexistent/case"});
    CHECK_EQ(missing.exit_code, 2);
    CHECK(missing.output.find("cannot execute /nonexistent/case") != std::string::npos);

    auto directory = ipc_claims({"exec", "/tmp"});
    CHECK_EQ(directory.exit_code, 2);
    CHECK(directory.output.find("cannot execute /tmp: not a file") != std::string::npos);

    auto unwritable = ipc_claims({"run", "MSG-03", "--out", "/proc/ipc-claims"});
    CHECK_EQ(unwritable.exit_code, 2);
    CHECK(unwritable.output.find("not writable") != std::string::npos);

    CHECK_NE(ipc_claims({"frobnicate"}).exit_code, 0);
    CHECK_NE(ipc_claims({"run", "-j", "0"}).exit_code, 0);
    CHECK_NE(ipc_claims({"exec", "--timeout", "-1", "/bin/true"}).exit_code, 0);
    auto catalogue = ipc_claims({"--catalogue", "/nonexistent", "list"});
    CHECK_EQ(catalogue.exit_code, 2);
    CHECK(catalogue.output.find("no catalogue directory") != std::string::npos);
}

TEST_CASE("--runtime: unknown names and a missing runsc are one line and exit 2, never a native run") {
    auto unknown = ipc_claims({"run", "PIPE-01", "--runtime", "docker"});
    CHECK_EQ(unknown.exit_code, 2);
    CHECK_MESSAGE(unknown.output == "ipc-claims: unknown runtime `docker` (valid: native, gvisor)\n", unknown.output);
    auto exec_unknown = ipc_claims({"exec", "--runtime", "kvm", "/bin/true"});
    CHECK_EQ(exec_unknown.exit_code, 2);
    CHECK(exec_unknown.output.find("valid: native, gvisor") != std::string::npos);

    // No runsc on PATH: the run stops before any case.
    ipc::TempDir out;
    auto missing = testing::run_command({"/usr/bin/env", "PATH=/nonexistent", IPC_CLAIMS_BIN, "run", "PIPE-01",
                                         "--runtime", "gvisor", "--out", out.path()});
    CHECK_EQ(missing.exit_code, 2);
    CHECK_MESSAGE(missing.output ==
                      "ipc-claims: --runtime gvisor: runsc not found on PATH (install Debian's runsc package)\n",
                  missing.output);
    CHECK_FALSE(std::filesystem::exists(out.file("results.json")));
    auto exec_missing = testing::run_command({"/usr/bin/env", "PATH=/nonexistent", IPC_CLAIMS_BIN, "exec", "--runtime",
                                              "gvisor", test_program("exit_with"), "0"});
    CHECK_EQ(exec_missing.exit_code, 2);
}

TEST_CASE("a native run records its runtime; diff shows runtimes, and reads results that lack one as native") {
    ipc::TempDir out;
    auto r = ipc_claims({"run", "MSG-03", "--out", out.path()});
    REQUIRE_MESSAGE(r.exit_code == 0, r.output);
    std::ifstream in(out.file("results.json"));
    auto results = nlohmann::json::parse(in);
    CHECK_EQ(results["environment"]["runtime"], nlohmann::json{{"name", "native"}});

    // The same run as written before runtimes were recorded, and as if from gVisor.
    auto old = results;
    old["environment"].erase("runtime");
    auto gvisor = results;
    gvisor["environment"]["runtime"] = {{"name", "gvisor"}, {"version", "0.0~20221219.0"}, {"platform", "ptrace"}};
    gvisor["cases"][0]["verdict"] = "FAIL";
    std::ofstream(out.file("old.json")) << old.dump();
    std::ofstream(out.file("gvisor.json")) << gvisor.dump();

    auto same = ipc_claims({"diff", out.file("old.json"), out.file("results.json")});
    CHECK_MESSAGE(same.exit_code == 0, same.output);
    CHECK_MESSAGE(same.output.find("runtime native)") != std::string::npos, same.output);
    CHECK(same.output.find("* runtime") == std::string::npos);

    auto differs = ipc_claims({"diff", out.file("old.json"), out.file("gvisor.json")});
    CHECK_EQ(differs.exit_code, 1);
    CHECK_MESSAGE(differs.output.find("runtime gvisor 0.0~20221219.0 (ptrace))") != std::string::npos, differs.output);
    CHECK(differs.output.find("* runtime.name") != std::string::npos);
    CHECK(differs.output.find("MSG-03") != std::string::npos);
}
