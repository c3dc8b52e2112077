// Every results.json the suite writes is valid against the published schema
// (docs/results.schema.json), checked by Debian's python3-jsonschema
// (tests/schema/validate-results); and the validator does reject a file that
// breaks the schema, so a pass means something.
#include <doctest/doctest.h>
#include <fstream>
#include <nlohmann/json.hpp>

#include "command.hpp"
#include "ipc/temp_dir.hpp"
#include "model/results.hpp"

using nlohmann::json;
using testing::contains;
using testing::ipc_claims;

namespace {

testing::CommandResult validate(const std::string& results_file) {
    return testing::run_command(
        {IPC_SOURCE_DIR "/tests/schema/validate-results", IPC_SOURCE_DIR "/docs/results.schema.json", results_file});
}

#define CHECK_VALID(file)                                            \
    do {                                                             \
        const auto validated_ = validate(file);                      \
        CHECK_MESSAGE(validated_.exit_code == 0, validated_.output); \
    } while (0)

// A run with every verdict, a sensitivity summary and kernel functions, as
// the model writes it (what the tests of diff and report feed them).
runner::RunResults every_verdict() {
    runner::RunResults run;
    run.tool = {"ipc-claims", "1.2.3", "unknown"};
    run.started_at = "2026-12-07T01:38:47Z";
    run.environment = {{"kernel", {{"release", "6.1.0"}, {"version", "#1"}, {"machine", "x86_64"}}},
                       {"page_size", 4096},
                       {"cpus", 2},
                       {"runtime", {{"name", "native"}}}};
    int n = 0;
    for (auto status : {runner::Status::Pass, runner::Status::Fail, runner::Status::Skip, runner::Status::Broken,
                        runner::Status::Timeout}) {
        runner::CaseResult c;
        c.claim = "PIPE-0" + std::to_string(++n);
        c.case_path = "pipe/case_" + std::to_string(n);
        c.status = status;
        c.exit = "exited with code " + std::to_string(runner::exit_code(status));
        c.evidence = {{"reads", n}};
        run.cases.push_back(c);
    }
    run.cases[1].output = "x.cpp:1: ERROR: CHECK_EQ( got, 65536 ) is NOT correct!\n  kernel: 4096  expected: 65536\n";
    run.cases[2].output = "SKIP: needs root\n";
    run.cases[4].exit = "timed out after 30 s";
    run.cases[0].kernel_functions = {"ipc/msg.c:do_msgrcv"};
    run.sensitivity = {{"figure", {{"shown", 1}, {"claims", 5}, {"percent", 20.0}}},
                       {"faults", 1},
                       {"faults_missed", 0},
                       {"not_shown", {{{"id", "PIPE-02"}, {"why", "no fault names it"}}}},
                       {"faults_by_claim", {{"PIPE-01", {"pipe_drops_data_at_eof"}}}},
                       {"table", "sensitivity.md"}};
    return run;
}

}  // namespace

TEST_CASE("a run's results.json is valid, a FAIL's reason included") {
    ipc::TempDir out;
    const std::string shim = std::string(IPC_FAULTS_DIR) + "/pipe_drops_data_at_eof.so";
    auto r = ipc_claims({"run", "PIPE-01", "PIPE-06", "--wrap", "env LD_PRELOAD=" + shim, "--out", out.path()});
    REQUIRE_MESSAGE(r.exit_code == 1, r.output);  // PIPE-06 fails under the shim
    CHECK_VALID(out.file("results.json"));
}

TEST_CASE("a sensitivity run's results.json is valid") {
    ipc::TempDir out;
    auto r = ipc_claims({"sensitivity", "PIPE-06", "--out", out.path()}, std::chrono::seconds(110));
    REQUIRE_MESSAGE(r.exit_code == 0, r.output);
    std::ifstream in(out.file("results.json"));
    REQUIRE(json::parse(in).contains("sensitivity"));
    CHECK_VALID(out.file("results.json"));
}

TEST_CASE("results written from the model are valid: every verdict, sensitivity, kernel functions") {
    ipc::TempDir dir;
    runner::write_json_file(dir.file("results.json"), runner::to_json(every_verdict()));
    CHECK_VALID(dir.file("results.json"));
    // Read back and written again, as `report` and `diff` read them.
    runner::write_json_file(dir.file("again.json"),
                            runner::to_json(runner::read_results_file(dir.file("results.json"))));
    CHECK_VALID(dir.file("again.json"));
    runner::RunResults unknown_start;  // a run whose start is not known
    runner::write_json_file(dir.file("empty.json"), runner::to_json(unknown_start));
    CHECK_VALID(dir.file("empty.json"));
}

TEST_CASE("the validator rejects what breaks the schema, naming the place") {
    ipc::TempDir dir;
    const json good = runner::to_json(every_verdict());
    auto rejected = [&](const std::string& name, const json& j, const std::string& expected) {
        runner::write_json_file(dir.file(name), j);
        const auto r = validate(dir.file(name));
        CHECK_MESSAGE(r.exit_code == 1, name << ": " << r.output);
        CHECK_MESSAGE(contains(r.output, expected), name << ": " << r.output);
    };
    json old = good;  // schema 1: `status`, no `reason`, `tool` or `started_at`
    old["schema"] = 1;
    old.erase("tool");
    old["cases"][0]["status"] = old["cases"][0]["verdict"];
    old["cases"][0].erase("verdict");
    rejected("old.json", old, "'tool' is a required property");
    json no_reason = good;
    no_reason["cases"][1]["reason"] = "";
    rejected("no_reason.json", no_reason, "cases/1/reason");
    json bad_verdict = good;
    bad_verdict["cases"][0]["verdict"] = "MAYBE";
    rejected("bad_verdict.json", bad_verdict, "cases/0/verdict");
    json bad_time = good;
    bad_time["started_at"] = "07/12/2026";
    rejected("bad_time.json", bad_time, "started_at");

    const auto usage = testing::run_command({IPC_SOURCE_DIR "/tests/schema/validate-results"});
    CHECK_EQ(usage.exit_code, 2);
    CHECK(contains(usage.output, "usage: validate-results"));
}
