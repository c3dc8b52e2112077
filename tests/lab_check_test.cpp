// `ipc-claims lab check DIR`: every shipped lab is right; a lab whose
// reference loses a point, whose fault loses other checks than its
// FAULT.toml says, whose lab.toml has an unknown key or whose FAULT.toml
// names no check of the lab is wrong, with a message saying where (exit 1);
// bad usage exits 2. Broken labs: tests/labs-broken/.
#include <doctest/doctest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "command.hpp"
#include "ipc/temp_dir.hpp"

namespace fs = std::filesystem;
using testing::contains;
using testing::ipc_claims;

namespace {

const fs::path labs_root = fs::path(IPC_SOURCE_DIR) / "labs";
const fs::path broken = fs::path(IPC_SOURCE_DIR) / "tests/labs-broken";

}  // namespace

TEST_CASE("every shipped lab passes lab check (its lab.toml, full marks, each fault's points, twice)") {
    // All labs at once: gradings mostly wait on deadlines.
    std::vector<std::pair<std::string, ipc::Child>> checks;
    const ipc::TempDir temp("ipc-claims-lab-check-test");
    for (const auto& e : fs::directory_iterator(labs_root)) {
        if (!fs::exists(e.path() / "lab.toml")) continue;
        const std::string log = temp.file(e.path().filename().string() + ".log");
        checks.emplace_back(log, ipc::Child::fork([path = e.path(), log] {
                                std::freopen(log.c_str(), "w", stdout);
                                ::dup2(STDOUT_FILENO, STDERR_FILENO);
                                ::execl(IPC_CLAIMS_BIN, IPC_CLAIMS_BIN, "lab", "check", path.c_str(), "--jobs", "4",
                                        static_cast<char*>(nullptr));
                                return 127;
                            }));
    }
    REQUIRE(checks.size() >= 4);
    for (auto& [log, child] : checks) {
        const auto status = child.wait(std::chrono::minutes(4));
        const std::string out = testing::slurp(log);
        CAPTURE(log);
        CHECK_MESSAGE(status.exited_with(0), status.describe() << "\n" << out);
        CHECK(contains(out, "reference"));
        CHECK(contains(out, " is right: "));
    }
}

TEST_CASE("a reference that loses a point and a fault that loses other checks: the lab is wrong, and why") {
    auto r = ipc_claims({"lab", "check", (broken / "wrong-marks").string(), "--seed", "11"}, std::chrono::minutes(3));
    CAPTURE(r.output);
    CHECK_EQ(r.exit_code, 1);
    CHECK(contains(r.output, "reference lost [cleanup] but must get full marks"));
    CHECK(contains(r.output, "faulty/no_pipe lost [mechanism] but FAULT.toml says [mechanism output]"));
    CHECK(contains(r.output, "lab pipe is wrong: 2 problem(s)"));
}

TEST_CASE("a lab.toml with an unknown key, a FAULT.toml naming no check: file, line and what is wrong") {
    auto r = ipc_claims({"lab", "check", (broken / "unknown-key").string()});
    CAPTURE(r.output);
    CHECK_EQ(r.exit_code, 1);
    CHECK(contains(r.output, "unknown-key/lab.toml:11: unknown key `max_procs` (known: name, title,"));

    r = ipc_claims({"lab", "check", (broken / "fault-names-no-check").string()});
    CAPTURE(r.output);
    CHECK_EQ(r.exit_code, 1);
    CHECK(
        contains(r.output, "faulty/no_pipe/FAULT.toml:2: `uses_pipe` is not a check of lab pipe (its checks: builds,"));

    const ipc::TempDir temp("ipc-claims-lab-check-test");
    std::ofstream(temp.file("lab.toml")) << "name = \"x\"\nkind = \"relay\"\n[relay]\nlines = \"four\"\n";
    r = ipc_claims({"lab", "check", temp.path()});
    CHECK_EQ(r.exit_code, 1);
    CHECK_MESSAGE(contains(r.output, "lab.toml:4: `lines` in [relay] must be a whole number"), r.output);
    std::ofstream(temp.file("lab.toml")) << "name = \"x\"\nkind = = \"relay\"\n";
    r = ipc_claims({"lab", "check", temp.path()});
    CHECK_EQ(r.exit_code, 1);
    CHECK_MESSAGE(contains(r.output, "lab.toml:2:"), r.output);
}

TEST_CASE("lab check: bad usage is one line and exit 2") {
    for (std::vector<std::string> args :
         std::vector<std::vector<std::string>>{{"lab"},
                                               {"lab", "check"},
                                               {"lab", "check", "/nonexistent"},
                                               {"lab", "check", IPC_SOURCE_DIR, "-j", "0"}}) {
        auto r = ipc_claims(args);
        CAPTURE(r.output);
        CHECK_EQ(r.exit_code, 2);
        CHECK_EQ(testing::lines_of(r.output), 1);
    }
}
