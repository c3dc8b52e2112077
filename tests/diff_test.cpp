// `ipc-claims diff A B`: environments side by side, every claim both ran whose
// verdict or evidence differs, the claims only one ran, Markdown/HTML with
// --out; exit 1 when a verdict differs, 0 otherwise, 2 for bad input.
#include <doctest/doctest.h>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "command.hpp"
#include "report/diff.hpp"
#include "ipc/temp_dir.hpp"
#include "model/results.hpp"

namespace fs = std::filesystem;
using nlohmann::json;
using testing::contains;
using testing::ipc_claims;
using testing::slurp;

namespace {

// A real run of a few claims, written once and copied by each test.
const runner::RunResults& real_run() {
    static ipc::TempDir dir;
    static runner::RunResults results = [] {
        auto r = ipc_claims({"run", "MSG-03", "PIPE-04", "PIPE-06", "--out", dir.path()});
        REQUIRE_MESSAGE(r.exit_code == 0, r.output);
        return runner::read_results_file(dir.file("results.json"));
    }();
    return results;
}

runner::CaseResult& case_of(runner::RunResults& run, const std::string& claim) {
    for (auto& c : run.cases)
        if (c.claim == claim) return c;
    FAIL("no case for " << claim);
    throw std::logic_error("unreachable");
}

std::string save(const ipc::TempDir& dir, const std::string& name, const runner::RunResults& run) {
    runner::write_json_file(dir.file(name), runner::to_json(run));
    return dir.file(name);
}

}  // namespace

TEST_CASE("identical runs: exit 0, nothing differs") {
    ipc::TempDir dir;
    auto a = save(dir, "a.json", real_run());
    auto r = ipc_claims({"diff", a, a});
    CHECK_MESSAGE(r.exit_code == 0, r.output);
    CHECK(contains(r.output, "No claim differs"));
    CHECK(contains(r.output, "kernel.release"));
}

TEST_CASE("a changed verdict is flagged and exits 1; the reports say it too") {
    ipc::TempDir dir;
    auto b = real_run();
    auto& pipe04 = case_of(b, "PIPE-04");
    pipe04.status = runner::Status::Fail;
    pipe04.output = "case.cpp:42: ERROR: CHECK_EQ( blocked, true ) is NOT correct!\n";
    auto r = ipc_claims({"diff", save(dir, "a.json", real_run()), save(dir, "b.json", b), "--out", dir.file("out")});
    CHECK_MESSAGE(r.exit_code == 1, r.output);
    CHECK_MESSAGE(contains(r.output, "* PIPE-04  A PASS    B FAIL"), r.output);
    CHECK(contains(r.output, "B: CHECK_EQ( blocked, true ) is NOT correct!"));
    CHECK(contains(r.output, "1 of the 3 claims both runs ran differ: 1 verdict(s)"));
    CHECK_FALSE(contains(r.output, "PIPE-06"));

    auto md = slurp(dir.file("out/diff.md"));
    CHECK(contains(md, "### PIPE-04: PASS → FAIL (verdict changed)"));
    auto html = slurp(dir.file("out/diff.html"));
    CHECK(contains(html, "id=\"claim-PIPE-04\""));
    CHECK(contains(html, "<span class=\"verdict fail\">FAIL</span>"));
    CHECK_FALSE(contains(html, "<script"));
}

TEST_CASE("a changed, added or removed evidence value is flagged; the same verdicts exit 0") {
    ipc::TempDir dir;
    auto b = real_run();
    auto& pipe04 = case_of(b, "PIPE-04");
    REQUIRE(pipe04.evidence.contains("bytes_accepted_before_blocking"));
    pipe04.evidence["bytes_accepted_before_blocking"] = 4096;
    pipe04.evidence["new_measure"] = "yes";
    auto& msg03 = case_of(b, "MSG-03");
    REQUIRE_FALSE(msg03.evidence.empty());
    const std::string removed = msg03.evidence.begin().key();
    msg03.evidence.erase(removed);
    b.environment["kernel"]["release"] = "9.9.9-other";

    auto r = ipc_claims({"diff", save(dir, "a.json", real_run()), save(dir, "b.json", b), "--out", dir.file("out")});
    CHECK_MESSAGE(r.exit_code == 0, r.output);
    CHECK_MESSAGE(contains(r.output, "~ bytes_accepted_before_blocking: "), r.output);
    CHECK(contains(r.output, "-> 4096"));
    CHECK(contains(r.output, "+ new_measure: (absent) -> yes"));
    CHECK(contains(r.output, "- " + removed + ": "));
    CHECK(contains(r.output, "9.9.9-other"));
    CHECK(contains(r.output, "2 of the 3 claims both runs ran differ: 0 verdict(s), 2 with the same verdict and other "
                             "evidence."));

    auto md = slurp(dir.file("out/diff.md"));
    CHECK(contains(md, "| bytes accepted before blocking (changed) |"));
    CHECK(contains(md, "**kernel.release** ≠"));
    auto html = slurp(dir.file("out/diff.html"));
    CHECK(contains(html, "<tr class=\"added\">"));
    CHECK(contains(html, "<tr class=\"removed\">"));
    CHECK(contains(html, "9.9.9-other"));
}

TEST_CASE("run-specific evidence (pids, keys, ids, tokens, addresses) is not compared unless asked") {
    CHECK(runner::run_specific_evidence("checker.creator_pid"));
    CHECK(runner::run_specific_evidence("msg_lspid"));
    CHECK(runner::run_specific_evidence("key"));
    CHECK(runner::run_specific_evidence("sender.msqid"));
    CHECK(runner::run_specific_evidence("token_written"));
    CHECK(runner::run_specific_evidence("writer_blocked.proc_syscall"));
    CHECK(runner::run_specific_evidence("writers.elapsed_ms"));  // one rule with the matrix: timings too
    CHECK(runner::run_specific_evidence("namespace.ipc"));
    CHECK_EQ(runner::mask_run_specific("lspid=4242 at 0x7ffd3bd3ea5a in ipc:[4026531839]"),
             "lspid=N at 0x… in ipc:[…]");
    CHECK_FALSE(runner::run_specific_evidence("writer_blocked.wchan"));
    CHECK_FALSE(runner::run_specific_evidence("keys_left"));
    CHECK_FALSE(runner::run_specific_evidence("F_GETPIPE_SZ"));

    runner::RunResults a, b;
    runner::CaseResult c;
    c.claim = "SHM-04";
    c.status = runner::Status::Pass;
    c.evidence = {{"creator_pid", 100}, {"where", "at 0x7ffd20b5bb88"}, {"segsz", 4096}};
    a.cases = {c};
    c.evidence = {{"creator_pid", 200}, {"where", "at 0x7ffc11111111"}, {"segsz", 4096}};
    b.cases = {c};
    auto quiet = runner::diff_runs(a, b, {});
    CHECK_EQ(quiet.evidence_changes, 0);
    CHECK_EQ(quiet.model["ignored"], 2);
    CHECK(contains(runner::diff_text(quiet), "2 evidence value(s) not compared: run-specific"));
    auto all = runner::diff_runs(a, b, {}, {"A", "B", true});
    CHECK_EQ(all.evidence_changes, 1);
    CHECK_EQ(all.model["claims"][0]["changes"].size(), 2);
    CHECK_EQ(all.model["claims"][0]["area"], "Claims not in this catalogue");
}

TEST_CASE("measurements (counts, ratios, rates, durations) are not compared unless asked") {
    CHECK(runner::measurement_evidence("reads"));
    CHECK(runner::measurement_evidence("probe.system_call_in_loop_iterations"));
    CHECK(runner::measurement_evidence("ratio_delivered.shm_ring_to_pipe"));
    CHECK(runner::measurement_evidence("mq_timedreceive_returned_us_after_deadline"));
    CHECK_FALSE(runner::measurement_evidence("bytes_read"));
    CHECK_FALSE(runner::measurement_evidence("read_equals_written"));
    CHECK_FALSE(runner::measurement_evidence("delivered_in_order"));
    CHECK_EQ(runner::mask_measurements("4.07 GB/s, 2.83 GB/s - 4.11 GB/s"), "N GB/s, N GB/s - N GB/s");
    CHECK_EQ(runner::mask_measurements("held for the whole window (300 ms)"), "held for the whole window (N ms)");
    CHECK_EQ(runner::mask_measurements("4.75 us vs 4.93 us"), "N us vs N us");
    CHECK_EQ(runner::mask_measurements("rounds: 3.89, 4.04, 4.07 GB/s"), "rounds: N GB/s");
    CHECK_EQ(runner::mask_measurements("F_GETPIPE_SZ 65536"), "F_GETPIPE_SZ 65536");  // a figure without a unit stays
    CHECK_EQ(runner::mask_run_specific("ctime=1796602236 ino 4218534 /ipc-claims-pshm-3517-1742772914"),
             "ctime=T ino N /ipc-claims-pshm-N");
    CHECK_EQ(runner::mask_run_specific("/tmp/ipc-claims-case.In30hG/tmp/ipc-claims.wnghUG/named.sock"),
             "/tmp/ipc-claims-case-N/tmp/ipc-claims-N/named.sock");

    // Two runs on one kernel, as PIPE-01 and PERF-01 differ between them.
    runner::RunResults a, b;
    runner::CaseResult c;
    c.claim = "PIPE-01";
    c.status = runner::Status::Pass;
    c.evidence = {{"reads", 37}, {"pipe", "4.07 GB/s"}, {"window", "held (500 ms)"}, {"bytes_read", 1024}};
    a.cases = {c};
    c.evidence = {{"reads", 61}, {"pipe", "4.08 GB/s"}, {"window", "held (300 ms)"}, {"bytes_read", 1024}};
    b.cases = {c};
    auto quiet = runner::diff_runs(a, b, {});
    CHECK_EQ(quiet.evidence_changes, 0);
    CHECK_EQ(quiet.model["ignored"], 3);
    auto all = runner::diff_runs(a, b, {}, {"A", "B", true});
    CHECK_EQ(all.model["claims"][0]["changes"].size(), 3);
    // A behaviour change beside them still shows.
    b.cases[0].evidence["bytes_read"] = 512;
    auto changed = runner::diff_runs(a, b, {});
    REQUIRE_EQ(changed.model["claims"].size(), 1);
    CHECK_EQ(changed.model["claims"][0]["changes"].size(), 1);
}

TEST_CASE("a claim run in one run only is listed as not in both, not a verdict change; --common leaves it out") {
    ipc::TempDir dir;
    auto b = real_run();
    b.cases.erase(b.cases.begin());
    const std::string gone = real_run().cases.front().claim;
    const auto a_file = save(dir, "a.json", real_run()), b_file = save(dir, "b.json", b);
    auto r = ipc_claims({"diff", a_file, b_file, "--out", dir.file("out")});
    CHECK_MESSAGE(r.exit_code == 0, r.output);
    CHECK_MESSAGE(contains(r.output, "Not in both runs"), r.output);
    CHECK(contains(r.output, "  " + gone + "  only in A: PASS"));
    CHECK(contains(r.output, "1 claim(s) were run in one run only, not compared."));
    CHECK(contains(slurp(dir.file("out/diff.md")), "| " + gone + " | A | PASS |"));
    CHECK(contains(slurp(dir.file("out/diff.html")), "id=\"not-in-both\""));

    auto common = ipc_claims({"diff", a_file, b_file, "--common"});
    CHECK_MESSAGE(common.exit_code == 0, common.output);
    CHECK_FALSE(contains(common.output, "Not in both runs"));
    CHECK_FALSE(contains(common.output, gone + " "));
    CHECK(contains(common.output, "No claim differs among the 2 claims both runs ran. 1 claim(s) were run in one run "
                                  "only and are left out (--common)."));

    // A verdict change among the claims both ran still exits 1 beside a partial run.
    case_of(b, "PIPE-06").status = runner::Status::Fail;
    CHECK_EQ(ipc_claims({"diff", a_file, save(dir, "c.json", b), "--common"}).exit_code, 1);
}

TEST_CASE("bad input: one line and exit 2") {
    ipc::TempDir dir;
    auto a = save(dir, "a.json", real_run());
    { std::ofstream(dir.file("broken.json")) << "{\"schema\": 1, \"cases\": ["; }
    { std::ofstream(dir.file("old.json")) << R"({"schema": 0, "cases": []})"; }
    for (const auto& [b, message] :
         std::vector<std::pair<std::string, std::string>>{{dir.file("missing.json"), "cannot read results file"},
                                                          {dir.file("broken.json"), "is not valid JSON"},
                                                          {dir.file("old.json"), "has schema 0"}}) {
        auto r = ipc_claims({"diff", a, b});
        CHECK_MESSAGE(r.exit_code == 2, r.output);
        CHECK_MESSAGE(contains(r.output, message), r.output);
        CHECK_EQ(std::count(r.output.begin(), r.output.end(), '\n'), 1);
    }
    auto unwritable = ipc_claims({"diff", a, a, "--out", "/proc/ipc-claims-diff"});
    CHECK_EQ(unwritable.exit_code, 2);
    CHECK_NE(ipc_claims({"diff", a}).exit_code, 0);
}
