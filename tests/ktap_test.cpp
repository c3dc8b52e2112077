// `run --format ktap` follows the grammar of the kernel's
// Documentation/dev-tools/ktap.rst (KTAP version 1): a version line, a plan,
// result lines numbered from 1 without gaps, directives after '#', subtests
// indented two spaces with their own version line, "# Subtest: NAME" header
// and plan, a parent "not ok" when a subtest failed. And the kernel's own
// reader, `kunit.py parse` (tools/testing/kunit of Debian's linux-source-6.1,
// unpacked into the build tree on first use, about 20 s), reads it with no
// error and counts what results.json counts: a real run of two areas, and a
// run with every verdict kind.
#include <doctest/doctest.h>

#include <filesystem>
#include <map>
#include <regex>
#include <sstream>

#include "command.hpp"
#include "ipc/temp_dir.hpp"
#include "report/ktap.hpp"
#include "vm/boot.hpp"  // find_in_path

namespace {

namespace fs = std::filesystem;

struct Line {
    int indent;
    std::string text;
};

// Checks one test list at `indent` starting at lines[at]; returns "" when it
// follows the grammar, else what is wrong. `failed` tells the caller whether
// any test of the list is "not ok" (without an "ok" directive).
std::string check_list(const std::vector<Line>& lines, std::size_t& at, int indent, bool& failed,
                       std::string* subtest_name = nullptr) {
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
    static const std::regex header("^# Subtest: (.+)$");
    if (subtest_name && at < lines.size() && std::regex_match(lines[at].text, m, header)) {
        *subtest_name = m[1];
        ++at;
    }
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
        std::string child_name;
        if (l.indent == indent + 2) {  // a subtest: its list, then its result at our level
            std::string e = check_list(lines, at, indent + 2, child_failed, &child_name);
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
        if (!child_name.empty() && std::string(m[3]) != " " + child_name)
            return "the result of `# Subtest: " + child_name + "` has another name: " + where(at);
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

runner::CaseResult result(const std::string& claim, runner::Status st, const std::string& output = "",
                          const std::string& area = "pipe") {
    runner::CaseResult r;
    r.claim = claim;
    r.case_path = area + "/" + claim;
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
                 result("PIPE-05", runner::Status::Timeout),
                 result("MSG-01", runner::Status::Skip, "ipc-claims: SKIP: no msgget", "msg"),
                 result("PIPE-06", runner::Status::Pass)};  // its area's second run of claims, still in `pipe`
    run.cases[0].evidence = {{"F_GETPIPE_SZ", 65536}, {"writer.wchan", "pipe_write # 2"}};
    return run;
}

// What `kunit.py parse` counted, and whether it reported an error.
struct KunitTotals {
    std::map<std::string, int> counts;  // passed, failed, crashed, skipped, errors
    bool parse_error = false;
    std::string output;
};

// tools/testing/kunit of /usr/src/linux-source-6.1.tar.xz, unpacked once
// into the build tree (into a temporary directory, then renamed: a test
// interrupted half-way leaves no half tool behind). kunit.py must stay under
// a path ending in tools/testing/kunit: it finds the kernel's tree by it.
fs::path kunit_py() {
    const fs::path dir = fs::path(IPC_BUILD_DIR) / "kunit-tool";
    const fs::path tool = dir / "tools" / "testing" / "kunit" / "kunit.py";
    if (fs::exists(tool)) return tool;
    const std::string tarball = "/usr/src/linux-source-6.1.tar.xz";
    REQUIRE_MESSAGE(fs::exists(tarball), tarball << " is missing: apt-get install linux-source-6.1");
    ipc::TempDir unpacked;
    auto r = testing::run_command({runner::kernel::find_in_path("tar"), "-xJf", tarball, "-C", unpacked.path(),
                                   "--strip-components=1", "linux-source-6.1/tools/testing/kunit"},
                                  std::chrono::seconds(300));
    REQUIRE_MESSAGE(r.exit_code == 0, r.output);
    fs::create_directories(dir);
    std::error_code ec;
    fs::rename(fs::path(unpacked.path()) / "tools", dir / "tools", ec);  // another process may have won: fine
    REQUIRE(fs::exists(tool));
    return tool;
}

KunitTotals kunit_parse(const std::string& ktap) {
    ipc::TempDir tmp;
    const std::string file = tmp.path() + "/run.ktap";
    runner::write_text_file(file, ktap);
    auto r = testing::run_command({runner::kernel::find_in_path("python3"), kunit_py().string(), "parse", file});
    KunitTotals t;
    t.output = r.output;
    // "Testing complete. Ran 7 tests: passed: 2, failed: 3, skipped: 2" (zero counts left out)
    static const std::regex summary("Testing complete\\. Ran [0-9]+ tests?: ([^\\n]*)");
    std::smatch m;
    REQUIRE_MESSAGE(std::regex_search(r.output, m, summary), r.output);
    static const std::regex count("([a-z]+): ([0-9]+)");
    const std::string counts = m.str(1);
    for (std::sregex_iterator it(counts.begin(), counts.end(), count), end; it != end; ++it)
        t.counts[(*it)[1]] = std::stoi((*it)[2]);
    t.parse_error = testing::contains(r.output, "[ERROR]") || t.counts["errors"] > 0 || t.counts["crashed"] > 0;
    return t;
}

// results.json's verdicts as kunit.py counts them: TIMEOUT and BROKEN are `not ok`.
std::map<std::string, int> expected_totals(const runner::RunResults& run) {
    std::map<std::string, int> want = {{"passed", 0}, {"failed", 0}, {"skipped", 0}};
    for (const auto& c : run.cases)
        ++want[c.status == runner::Status::Pass ? "passed" : c.status == runner::Status::Skip ? "skipped" : "failed"];
    return want;
}

void check_totals(const KunitTotals& got, const runner::RunResults& run) {
    INFO(got.output);
    CHECK_FALSE(got.parse_error);
    for (const auto& [kind, n] : expected_totals(run)) {
        CAPTURE(kind);
        CHECK((got.counts.count(kind) ? got.counts.at(kind) : 0) == n);
    }
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
    CHECK(check_ktap("KTAP version 1\n1..1\n  KTAP version 1\n  # Subtest: k\n  1..1\n  ok 1 a\nok 1 k\n") == "");
    CHECK(check_ktap("KTAP version 1\n1..1\n  KTAP version 1\n  # Subtest: k\n  1..1\n  ok 1 a\nok 1 j\n") !=
          "");  // the result names another test
}

TEST_CASE("one run: a test per area, a case per claim, evidence and reasons as diagnostics before the result") {
    const std::string doc = runner::ktap_document(every_status());
    INFO(doc);
    CHECK(check_ktap(doc) == "");
    CHECK(doc.rfind("KTAP version 1\n1..2\n  KTAP version 1\n  # Subtest: pipe\n  1..6\n", 0) == 0);
    CHECK(testing::contains(doc, "  # PIPE-01: F_GETPIPE_SZ = 65536\n  # PIPE-01: writer.wchan = pipe_write _ 2\n"
                                 "  ok 1 PIPE-01 pipe/PIPE-01\n"));
    CHECK(testing::contains(doc, "\n  ok 2 PIPE-02 pipe/PIPE-02 # SKIP "));
    CHECK(testing::contains(doc, "\n  # PIPE-03: FAIL: "));
    CHECK(testing::contains(doc, "\n  not ok 3 PIPE-03 pipe/PIPE-03\n"));
    CHECK(testing::contains(doc, "\n  not ok 4 PIPE-04 pipe/PIPE-04 # ERROR"));
    CHECK(testing::contains(doc, "\n  not ok 5 PIPE-05 pipe/PIPE-05 # TIMEOUT"));
    CHECK(testing::contains(doc, "\n  ok 6 PIPE-06 pipe/PIPE-06\nnot ok 1 pipe\n"));
    CHECK(testing::contains(doc, "\n  # Subtest: msg\n  1..1\n  ok 1 MSG-01 msg/MSG-01 # SKIP "));
    CHECK(testing::contains(doc, "\nok 2 msg # SKIP every test skipped\n# kernel 6.1.0-test\n"));
}

TEST_CASE("several kernels: a test each, its areas inside, parents fail when a claim failed") {
    runner::RunResults good;
    good.cases = {result("PIPE-01", runner::Status::Pass), result("PIPE-02", runner::Status::Skip)};
    runner::RunResults bad = every_status();
    bad.environment["boot_failure"] = "kernel panic # not syncing";
    const std::string doc = runner::ktap_document({{"6.12.0 #1 SMP", good}, {"5.10.0", bad}});
    INFO(doc);
    CHECK(check_ktap(doc) == "");
    CHECK(testing::contains(doc, "\n  # Subtest: 6.12.0 _1 SMP\n"));
    CHECK(testing::contains(doc, "\n    # Subtest: pipe\n    1..2\n"));
    CHECK(testing::contains(doc, "\nok 1 6.12.0 _1 SMP\n"));
    CHECK(testing::contains(doc, "\n  # 5.10.0: kernel panic _ not syncing\nnot ok 2 5.10.0\n"));
    CHECK(testing::contains(doc, "\n    1..6\n"));
}

TEST_CASE("kunit.py parse reads a run with every verdict kind and counts as results.json does") {
    const runner::RunResults run = every_status();
    check_totals(kunit_parse(runner::ktap_document(run)), run);
    check_totals(kunit_parse(runner::ktap_document({{"6.1.0-test", run}, {"6.12.0-test", run}})), [&] {
        runner::RunResults both = run;
        both.cases.insert(both.cases.end(), run.cases.begin(), run.cases.end());
        return both;
    }());
}

TEST_CASE("the kunit.py check can fail: a wrong plan is an error, a flipped verdict changes the counts") {
    const runner::RunResults run = every_status();
    const std::string doc = runner::ktap_document(run);
    std::string long_plan = doc;
    long_plan.replace(long_plan.find("  1..6\n"), 7, "  1..7\n");  // a claim announced, never reported
    CHECK(kunit_parse(long_plan).parse_error);
    std::string flipped = doc;
    flipped.replace(flipped.find("  ok 1 PIPE-01"), 14, "  not ok 1 PIPE-01");
    CHECK(kunit_parse(flipped).counts["passed"] == expected_totals(run)["passed"] - 1);
}

TEST_CASE("`run --format ktap`: KTAP alone on stdout, and kunit.py parse counts what results.json says") {
    ipc::TempDir out;
    auto r = testing::run_command({"/bin/sh", "-c",
                                   std::string(IPC_CLAIMS_BIN) + " run --format ktap -j 2 pipe fifo --out " +
                                       out.path() + " 2>/dev/null"},
                                  std::chrono::seconds(90));
    INFO(r.output);
    CHECK((r.exit_code == 0 || r.exit_code == 1));  // 1: a claim did not pass here; KTAP all the same
    CHECK(check_ktap(r.output) == "");
    CHECK(r.output.rfind("KTAP version 1\n1..2\n  KTAP version 1\n  # Subtest: pipe\n", 0) == 0);
    CHECK(testing::contains(r.output, "\n  # Subtest: fifo\n"));
    const runner::RunResults run = runner::read_results_file(fs::path(out.path()) / "results.json");
    CHECK(run.cases.size() > 20);
    check_totals(kunit_parse(r.output), run);
    auto bad = testing::ipc_claims({"run", "--format", "tap", "PIPE-04", "--out", out.path()});
    CHECK(bad.exit_code != 0);
}
