// `run --format ktap` follows the grammar of the kernel's
// Documentation/dev-tools/ktap.rst (KTAP version 1): a version line, a plan,
// result lines numbered from 1 without gaps, directives after '#', subtests
// indented two spaces with their own version line and plan, a parent "not ok"
// when a subtest failed. Needs nothing but the build tree: always runs.
#include <doctest/doctest.h>

#include <regex>
#include <sstream>

#include "command.hpp"
#include "ipc/temp_dir.hpp"
#include "report/ktap.hpp"

namespace {

struct Line {
    int indent;
    std::string text;
};

// Checks one test list at `indent` starting at lines[at]; returns "" when it
// follows the grammar, else what is wrong. `failed` tells the caller whether
// any test of the list is "not ok" (without an "ok" directive).
std::string check_list(const std::vector<Line>& lines, std::size_t& at, int indent, bool& failed) {
    static const std::regex version("^(KTAP version 1|TAP version 1[34])$");
    static const std::regex plan("^1\\.\\.([0-9]+)$");
    static const std::regex result(
        "^(ok|not ok) ([0-9]+)( [^#]*[^# ])?( # ?(SKIP|TODO|XFAIL|TIMEOUT|ERROR)?( [^\\n]*)?)?$");
    auto where = [&](std::size_t i) { return "line " + std::to_string(i + 1) + " `" + lines[i].text + "`"; };
    auto skip_diagnostics = [&] {
        while (at < lines.size() && lines[at].text.rfind("#", 0) == 0) ++at;
    };
    skip_diagnostics();
    if (at >= lines.size() || lines[at].indent != indent || !std::regex_match(lines[at].text, version))
        return at < lines.size() ? "expected a version line at " + where(at) : "missing version line";
    ++at;
    std::smatch m;
    if (at >= lines.size() || lines[at].indent != indent || !std::regex_match(lines[at].text, m, plan))
        return at < lines.size() ? "expected a plan after the version line at " + where(at) : "missing plan";
    const long planned = std::stol(m[1]);
    ++at;
    long number = 0;
    failed = false;
    while (at < lines.size()) {
        skip_diagnostics();
        if (at >= lines.size()) break;
        const Line& l = lines[at];
        if (l.indent < indent) break;
        bool child_failed = false;
        if (l.indent == indent + 2) {  // a subtest: its list, then its result at our level
            std::string e = check_list(lines, at, indent + 2, child_failed);
            if (!e.empty()) return e;
            skip_diagnostics();
            if (at >= lines.size() || lines[at].indent != indent)
                return "a subtest list has no result line of its parent";
        } else if (l.indent != indent) {
            return "bad indentation at " + where(at) + " (expected " + std::to_string(indent) + " spaces)";
        }
        const Line& r = lines[at];
        if (!std::regex_match(r.text, m, result)) return "not a result line: " + where(at);
        if (std::stol(m[2]) != ++number) return "result numbers must run 1, 2, ...: " + where(at);
        const bool ok = m[1] == "ok";
        const std::string directive = m[5];
        if (!ok && directive.empty()) failed = true;
        if (ok && (directive == "TIMEOUT" || directive == "ERROR"))
            return directive + " must be `not ok`: " + where(at);
        if (!directive.empty() && directive != "SKIP" && directive != "TIMEOUT" && directive != "ERROR" &&
            directive != "XFAIL")
            return "directive not used by ipc-claims: " + where(at);
        if (directive == "TIMEOUT" || directive == "ERROR") failed = true;
        if (child_failed && ok) return "a parent of a failed subtest must be `not ok`: " + where(at);
        ++at;
    }
    if (number != planned)
        return "plan says " + std::to_string(planned) + " tests, " + std::to_string(number) + " reported";
    return "";
}

std::string check_ktap(const std::string& doc) {
    std::vector<Line> lines;
    std::istringstream in(doc);
    std::string text;
    while (std::getline(in, text)) {
        if (text.empty()) continue;
        std::size_t spaces = text.find_first_not_of(' ');
        if (spaces % 2) return "odd indentation: `" + text + "`";
        lines.push_back({static_cast<int>(spaces), text.substr(spaces)});
    }
    std::size_t at = 0;
    bool failed = false;
    std::string e = check_list(lines, at, 0, failed);
    if (e.empty() && at != lines.size()) return "trailing lines from `" + lines[at].text + "`";
    return e;
}

runner::CaseResult result(const std::string& claim, runner::Status st, const std::string& output = "") {
    runner::CaseResult r;
    r.claim = claim;
    r.case_path = "pipe/" + claim;
    r.status = st;
    r.output = output;
    r.exit = st == runner::Status::Timeout ? "timed out after 30 s" : "exited";
    return r;
}

runner::RunResults every_status() {
    runner::RunResults run;
    run.environment = {{"kernel", {{"release", "6.1.0-test"}}}};
    run.cases = {result("PIPE-01", runner::Status::Pass),
                 result("PIPE-02", runner::Status::Skip, "ipc-claims: SKIP: no # POSIX mqueue\nsecond line"),
                 result("PIPE-03", runner::Status::Fail, "CHECK_EQ( 1, 2 ) is NOT correct!\n"),
                 result("PIPE-04", runner::Status::Broken, "ipc-claims: BROKEN: fork: EAGAIN"),
                 result("PIPE-05", runner::Status::Timeout)};
    return run;
}

}  // namespace

TEST_CASE("the checker itself rejects what the grammar forbids") {
    CHECK(check_ktap("KTAP version 1\n1..1\nok 1 a\n") == "");
    CHECK(check_ktap("1..1\nok 1 a\n") != "");                                 // no version line
    CHECK(check_ktap("KTAP version 1\nok 1 a\n") != "");                       // no plan
    CHECK(check_ktap("KTAP version 1\n1..2\nok 1 a\nok 3 b\n") != "");         // numbering gap
    CHECK(check_ktap("KTAP version 1\n1..2\nok 1 a\n") != "");                 // fewer than planned
    CHECK(check_ktap("KTAP version 1\n1..1\nok 1 a # TIMEOUT 30 s\n") != "");  // TIMEOUT must be not ok
    CHECK(check_ktap("KTAP version 1\n1..1\n   KTAP version 1\n") != "");      // odd indentation
    CHECK(check_ktap("KTAP version 1\n1..1\n  KTAP version 1\n  1..1\n  not ok 1 a\nok 1 k\n") != "");  // bubbling
}

TEST_CASE("one run: a test per claim, SKIP/TIMEOUT/ERROR directives, reasons on one line without '#'") {
    const std::string doc = runner::ktap_document(every_status());
    INFO(doc);
    CHECK(check_ktap(doc) == "");
    CHECK(doc.rfind("KTAP version 1\n1..5\n", 0) == 0);
    CHECK(doc.find("ok 1 PIPE-01 pipe/PIPE-01\n") != std::string::npos);
    CHECK(doc.find("ok 2 PIPE-02 pipe/PIPE-02 # SKIP ") != std::string::npos);
    CHECK(doc.find("not ok 3 PIPE-03 pipe/PIPE-03\n") != std::string::npos);
    CHECK(doc.find("not ok 4 PIPE-04 pipe/PIPE-04 # ERROR") != std::string::npos);
    CHECK(doc.find("not ok 5 PIPE-05 pipe/PIPE-05 # TIMEOUT") != std::string::npos);
}

TEST_CASE("several kernels: one subtest list each, parents fail when a claim failed") {
    runner::RunResults good;
    good.cases = {result("PIPE-01", runner::Status::Pass), result("PIPE-02", runner::Status::Skip)};
    runner::RunResults bad = every_status();
    bad.environment["boot_failure"] = "kernel panic # not syncing";
    const std::string doc = runner::ktap_document({{"6.12.0 #1 SMP", good}, {"5.10.0", bad}});
    INFO(doc);
    CHECK(check_ktap(doc) == "");
    CHECK(doc.find("\nok 1 6.12.0 _1 SMP\n") != std::string::npos);
    CHECK(doc.find("\nnot ok 2 5.10.0\n") != std::string::npos);
    CHECK(doc.find("\n  1..5\n") != std::string::npos);
}

TEST_CASE("`run --format ktap` prints KTAP alone on stdout, progress on stderr") {
    ipc::TempDir out;
    auto r = testing::run_command(
        {"/bin/sh", "-c",
         std::string(IPC_CLAIMS_BIN) + " run --format ktap PIPE-04 PIPE-06 --out " + out.path() + " 2>/dev/null"});
    INFO(r.output);
    CHECK(r.exit_code == 0);
    CHECK(check_ktap(r.output) == "");
    CHECK(r.output.find("1..2\n") != std::string::npos);
    CHECK(r.output.find("ok 1 PIPE-04 ") != std::string::npos);
    auto bad = testing::ipc_claims({"run", "--format", "tap", "PIPE-04", "--out", out.path()});
    CHECK(bad.exit_code != 0);
}
