// `ipc-claims sensitivity`: how faults are judged (a claim is shown sensitive
// only when it passed as it is and FAILed or TIMEd OUT under a fault naming
// it), how fault lists are read, and the command end to end, including a
// fault that misses and the figure in the conformance report.
#include <doctest/doctest.h>
#include <fstream>

#include "model/catalogue.hpp"
#include "command.hpp"
#include "ipc/temp_dir.hpp"
#include "runner/sensitivity.hpp"

using nlohmann::json;
using testing::contains;
using testing::ipc_claims;
using testing::slurp;

namespace {

runner::Claim claim(const std::string& id, bool implemented = true) {
    runner::Claim c;
    c.id = id;
    c.area = "pipe";
    if (implemented) c.case_name = "case_of_" + id;
    return c;
}

runner::CaseResult result(const std::string& id, runner::Status s) {
    runner::CaseResult r;
    r.claim = id;
    r.status = s;
    return r;
}

runner::Fault fault(const std::string& name, std::vector<std::string> breaks) {
    runner::Fault f;
    f.name = name;
    f.breaks = std::move(breaks);
    f.why = "test";
    return f;
}

const json& row(const json& judged, const std::string& name) {
    for (const auto& f : judged["faults"])
        if (f["name"] == name) return f;
    FAIL("no row for fault " << name);
    throw std::logic_error("unreachable");
}

const json& claim_row(const json& judged, const std::string& id) {
    for (const auto& c : judged["claims"])
        if (c["id"] == id) return c;
    FAIL("no row for claim " << id);
    throw std::logic_error("unreachable");
}

std::string write(const ipc::TempDir& dir, const std::string& name, const std::string& text) {
    std::ofstream(dir.file(name)) << text;
    return dir.file(name);
}

}  // namespace

TEST_CASE("a claim is shown sensitive only by FAIL or TIMEOUT under a fault that names it, after a baseline pass") {
    using runner::Status;
    std::vector<runner::Claim> selected = {claim("A-1"), claim("A-2"), claim("A-3"),
                                           claim("A-4"), claim("A-5"), claim("A-6", false)};
    runner::FaultCatalogue faults;
    faults.faults = {fault("fails", {"A-1"}),        fault("times_out", {"A-2"}),  fault("breaks_setup", {"A-3"}),
                     fault("left_passing", {"A-4"}), fault("on_skipped", {"A-5"}), fault("unknown_target", {})};
    runner::RunResults baseline;
    baseline.cases = {result("A-1", Status::Pass), result("A-2", Status::Pass), result("A-3", Status::Pass),
                      result("A-4", Status::Pass), result("A-5", Status::Skip)};
    std::vector<runner::FaultRun> runs = {
        {&faults.faults[0], {result("A-1", Status::Fail)}},
        {&faults.faults[1], {result("A-2", Status::Timeout)}},
        {&faults.faults[2], {result("A-3", Status::Broken)}},
        {&faults.faults[3], {result("A-4", Status::Pass)}},
        {&faults.faults[4], {result("A-5", Status::Fail)}},
        {&faults.faults[5], {result("A-1", Status::Pass), result("A-4", Status::Fail)}},
    };
    json judged = runner::judge_sensitivity(selected, faults, baseline, runs);

    CHECK(row(judged, "fails")["caught"] == true);
    CHECK(row(judged, "times_out")["caught"] == true);
    CHECK(row(judged, "breaks_setup")["caught"] == false);
    CHECK(row(judged, "left_passing")["caught"] == false);
    CHECK(row(judged, "left_passing")["not_failed"][0]["verdict"] == "PASS");
    CHECK(row(judged, "on_skipped")["judged"] == false);  // nothing to compare against
    CHECK(row(judged, "on_skipped")["unjudged"].size() == 1);
    CHECK(row(judged, "unknown_target")["caught"] == true);  // any failure catches it
    CHECK(row(judged, "unknown_target")["also_failed"][0]["claim"] == "A-4");

    CHECK(claim_row(judged, "A-1")["sensitive"] == true);
    CHECK(claim_row(judged, "A-2")["sensitive"] == true);
    CHECK(claim_row(judged, "A-3")["sensitive"] == false);
    CHECK(contains(claim_row(judged, "A-3")["why_not"], "breaks_setup gave BROKEN"));
    CHECK(claim_row(judged, "A-4")["sensitive"] == false);  // an unnamed failure does not count
    CHECK(contains(claim_row(judged, "A-5")["why_not"], "baseline gave SKIP"));
    CHECK(claim_row(judged, "A-6")["why_not"] == "no case yet");
    CHECK(judged["figure"]["shown"] == 2);
    CHECK(judged["figure"]["claims"] == 6);

    CHECK_FALSE(runner::sensitivity_ok(judged, 0));  // two faults missed
    json summary = runner::sensitivity_summary(judged);
    CHECK(summary["faults_missed"] == 2);
    CHECK(summary["faults_by_claim"]["A-1"][0] == "fails");
    const std::string md = runner::sensitivity_markdown(judged);
    CHECK(contains(md, "**2 of 6 claims shown sensitive (33.3%).**"));
    CHECK(contains(md, "| left_passing | A-4 | - | A-4 PASS | - | MISSED |"));
}

TEST_CASE("a case that cannot decide under a fault (SKIP) leaves its claim not shown, but the fault not missed") {
    using runner::Status;
    std::vector<runner::Claim> selected = {claim("T-1")};
    runner::FaultCatalogue faults;
    faults.faults = {fault("slows_the_ring", {"T-1"})};
    runner::RunResults baseline;
    baseline.cases = {result("T-1", Status::Pass)};
    std::vector<runner::FaultRun> runs = {{&faults.faults[0], {result("T-1", Status::Skip)}}};
    json judged = runner::judge_sensitivity(selected, faults, baseline, runs);

    CHECK(row(judged, "slows_the_ring")["judged"] == false);
    CHECK(row(judged, "slows_the_ring")["unjudged"][0]["verdict"] == "SKIP");
    CHECK(claim_row(judged, "T-1")["sensitive"] == false);
    CHECK(contains(claim_row(judged, "T-1")["why_not"], "slows_the_ring gave SKIP (undecided here"));
    CHECK(runner::sensitivity_ok(judged, 0));          // nothing missed
    CHECK_FALSE(runner::sensitivity_ok(judged, 100));  // but not shown: --fail-under 100 still fails
}

TEST_CASE("fault lists: each problem named with its file") {
    ipc::TempDir dir;
    const auto catalogue = runner::load_catalogue(IPC_BUILD_DIR "/catalogue");
    const std::string shims = IPC_FAULTS_DIR;
    auto error_of = [&](const std::string& text) {
        std::string file = write(dir, "list.toml", text);
        try {
            runner::load_fault_lists({file}, shims, catalogue);
        } catch (const std::runtime_error& e) {
            CHECK(contains(e.what(), file));
            return std::string(e.what());
        }
        return std::string("(accepted)");
    };
    CHECK(contains(error_of("[[fault]]\nshim = \"pipe_never_blocks\"\nbreaks = [\"PIPE-99\"]\nwhy = \"x\"\n"),
                   "unknown claim PIPE-99"));
    CHECK(contains(error_of("[[fault]]\nshim = \"no_such_shim\"\nwhy = \"x\"\n"), "no library"));
    CHECK(contains(error_of("[[fault]]\nshim = \"pipe_never_blocks\"\nbreaks = [\"PIPE-04\"]\n"), "no `why`"));
    CHECK(contains(error_of("[[fault]]\nwhy = \"x\"\n"), "neither `shim` nor `library`"));
    CHECK(contains(error_of("[[fault]\n"), "list.toml"));
    CHECK(contains(error_of("[[unreachable]]\nclaim = \"PIPE-04\"\n"), "no `why`"));
    CHECK(contains(error_of("# nothing\n"), "name no [[fault]]"));

    std::string ok =
        write(dir, "ok.toml", "[[fault]]\nlibrary = \"" + shims + "/pipe_never_blocks.so\"\nwhy = \"held out\"\n");
    auto loaded = runner::load_fault_lists({ok}, shims, catalogue);
    REQUIRE(loaded.faults.size() == 1);
    CHECK(loaded.faults[0].name == "pipe_never_blocks");
    CHECK(loaded.faults[0].breaks.empty());
}

TEST_CASE("the command: a fault that misses exits 1 and is shown; the report carries the figure") {
    ipc::TempDir dir;
    const std::string shims = IPC_FAULTS_DIR;
    // pipe_never_blocks breaks PIPE-04 and leaves PIPE-06 (EOF after data) alone.
    std::string list = write(dir, "faults.toml",
                             "[[fault]]\nshim = \"pipe_never_blocks\"\nbreaks = [\"PIPE-04\"]\nwhy = \"caught\"\n"
                             "[[fault]]\nshim = \"pipe_never_blocks\"\nbreaks = [\"PIPE-06\"]\nwhy = \"missed\"\n");
    auto r = ipc_claims({"sensitivity", "PIPE-04", "PIPE-06", "--faults", list, "--out", dir.file("out")});
    CHECK_MESSAGE(r.exit_code == 1, r.output);
    CHECK(contains(r.output, "caught  pipe_never_blocks"));
    CHECK(contains(r.output, "MISSED  pipe_never_blocks"));
    CHECK(contains(r.output, "1 of 2 claims shown sensitive (50.0%) by 2 faults (2 case runs), 1 missed; "));
    CHECK(contains(r.output, "2 cases in "));  // the suite as it is, before the faults
    CHECK(contains(slurp(dir.file("out/report.md")), "Sensitivity: 1 of 2 claims shown sensitive (50.0%)"));
    CHECK(contains(slurp(dir.file("out/report.html")), "1 of 2 claims shown sensitive (50.0%)"));
    CHECK(contains(slurp(dir.file("out/sensitivity.md")), "| PIPE-06 | pipe_never_blocks gave PASS |"));

    // The report written again from results.json keeps the figure.
    auto again = ipc_claims({"report", dir.file("out/results.json"), "--out", dir.file("again")});
    CHECK_MESSAGE(again.exit_code == 0, again.output);
    CHECK(contains(slurp(dir.file("again/report.md")), "1 of 2 claims shown sensitive"));

    auto bad = ipc_claims(
        {"sensitivity", "PIPE-04", "--faults", write(dir, "bad.toml", "[[fault]]\n"), "--out", dir.file("bad")});
    CHECK(bad.exit_code == 2);
    CHECK(contains(bad.output, "neither `shim` nor `library`"));
}
