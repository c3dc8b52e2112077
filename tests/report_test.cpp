// The reports people read: report.md and report.html from one model, written
// by every `ipc-claims run` and by `ipc-claims report`; the HTML rendered in
// headless Chromium shows the totals and a failing claim's evidence; JUnit
// XML in the shape CI tools read.
#include <doctest/doctest.h>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <pugixml.hpp>
#include <optional>
#include <regex>
#include <set>
#include <sstream>

#include "command.hpp"
#include "ipc/temp_dir.hpp"
#include "report/junit.hpp"
#include "report/render.hpp"
#include "report/report.hpp"
#include "model/results.hpp"

namespace fs = std::filesystem;
using nlohmann::json;
using testing::contains;
using testing::ipc_claims;
using testing::slurp;

namespace {

// Text as a browser serialises it in the DOM (text nodes).
std::string dom_text(const std::string& s) {
    std::string out;
    for (char c : s) {
        if (c == '&') out += "&amp;";
        else if (c == '<') out += "&lt;";
        else if (c == '>') out += "&gt;";
        else out += c;
    }
    return out;
}

const char* const chromium_flags =
    "--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update "
    "--disable-sync --no-first-run --no-default-browser-check --mute-audio";

// The page as headless Chromium builds it (its DOM after parsing and layout).
std::string rendered_dom(const std::string& html_file) {
    ipc::TempDir profile;
    const std::string dom = profile.file("dom.html");
    std::string cmd = std::string("command -v chromium >/dev/null || { echo 'chromium is not installed "
                                  "(scripts/setup installs it)'; exit 127; }; chromium ") +
                      chromium_flags + " --user-data-dir=" + profile.file("profile") + " --dump-dom 'file://" +
                      html_file + "' >" + dom + " 2>" + profile.file("stderr");
    auto r = testing::run_command({"/bin/sh", "-c", cmd}, std::chrono::seconds(90));
    REQUIRE_MESSAGE(r.exit_code == 0, "chromium failed: " << r.output << slurp(profile.file("stderr")));
    return slurp(dom);
}

// The part of a page from the element with this id to the end of that section.
std::string section_of(const std::string& page, const std::string& id) {
    auto at = page.find("id=\"" + id + "\"");
    REQUIRE_MESSAGE(at != std::string::npos, "no element with id " << id);
    auto end = page.find("</section>", at);
    return page.substr(at, end == std::string::npos ? std::string::npos : end - at);
}

// report.html for a screen reader and a phone: its language, a viewport, a
// heading per claim (h2 area, h3 claim, no level skipped), ids used once, and
// every claim's reason in the text of the page, not in a tooltip.
void check_page_structure(const std::string& html, const json& model) {
    CHECK(contains(html, "<html lang=\"en\">"));
    CHECK(contains(html, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"));
    std::vector<int> levels;
    const std::regex heading("<h([1-6])[ >]");
    for (auto it = std::sregex_iterator(html.begin(), html.end(), heading); it != std::sregex_iterator(); ++it)
        levels.push_back(std::stoi((*it)[1]));
    REQUIRE_FALSE(levels.empty());
    CHECK_EQ(levels.front(), 1);
    for (std::size_t i = 1; i < levels.size(); ++i)
        CHECK_MESSAGE(levels[i] <= levels[i - 1] + 1, "h" << levels[i - 1] << " then h" << levels[i]);
    std::size_t articles = 0, claim_headings = 0;
    for (auto at = html.find("<article class=\"claim"); at != std::string::npos;
         at = html.find("<article class=\"claim", at + 1)) {
        ++articles;
        claim_headings += html.compare(html.find('>', at) + 1, 12, "\n<header><h3") == 0;
    }
    CHECK(articles > 0);
    CHECK_EQ(claim_headings, articles);
    std::set<std::string> ids;
    const std::regex id_attribute(" id=\"([^\"]+)\"");
    for (auto it = std::sregex_iterator(html.begin(), html.end(), id_attribute); it != std::sregex_iterator(); ++it)
        CHECK_MESSAGE(ids.insert((*it)[1]).second, "id " << (*it)[1] << " used twice");
    for (const auto& section : model["sections"])
        for (const auto& claim : section["claims"])
            if (claim["has_reason"].get<bool>())
                CHECK_MESSAGE(contains(html, "<span class=\"reason\">" + dom_text(claim["reason"]) + "</span>"),
                              claim["id"] << "'s reason is not in the page");
}

runner::CaseResult sample_case(const std::string& claim, runner::Status status) {
    runner::CaseResult r;
    r.claim = claim;
    r.case_path = "pipe/some_case";
    r.status = status;
    r.duration_s = 0.25;
    r.evidence = {{"bytes_accepted_before_blocking", 65536}, {"writer_blocked.wchan", "anon_pipe_write"}};
    r.exit = "exited with code " + std::to_string(runner::exit_code(status));
    r.isolation = "ipc-namespace";
    return r;
}

runner::Claim sample_claim(const std::string& id, const std::string& kind) {
    runner::Claim c;
    c.id = id;
    c.area = "pipe";
    c.area_title = "Pipes";
    c.area_order = 1;
    c.kind = kind;
    c.section = "§1.4(1)";
    c.statement = "A writer blocks in `write()` when the pipe is <full> & stays | there.";
    c.case_name = "some_case";
    if (kind == "fix") {
        c.document_says = "The pipe holds 4 KiB.";
        c.linux_does = "It holds `F_GETPIPE_SZ` bytes, 64 KiB by default.";
    }
    return c;
}

}  // namespace

TEST_CASE("evidence reads in plain words") {
    CHECK_EQ(runner::plain_key("bytes_accepted_before_blocking"), "bytes accepted before blocking");
    CHECK_EQ(runner::plain_key("writer_blocked.wchan"), "writer blocked: wchan");
    CHECK_EQ(runner::plain_key("F_GETPIPE_SZ"), "F_GETPIPE_SZ");
    CHECK_EQ(runner::plain_key("RLIMIT_CORE.hard"), "RLIMIT_CORE: hard");
    CHECK_EQ(runner::plain_value(json(65536)), "65536");
    CHECK_EQ(runner::plain_value(json("S")), "S");
    CHECK_EQ(runner::plain_value(json(true)), "yes");
    CHECK_EQ(runner::plain_value(json(false)), "no");
    CHECK_EQ(runner::plain_value(json()), "none");
    CHECK_EQ(runner::plain_value(json::array({1, 2})), "[1,2]");
}

TEST_CASE("catalogue text quotes this run's figures from the evidence, and reads whole without them") {
    const std::string text =
        "A ring is faster{{#evidence}} ({{evidence.ratio.to_pipe:.1f}}x a pipe's, {{evidence.rounds}} rounds, "
        "{{evidence.placement}}){{/evidence}}{{^evidence}} (see a run's evidence){{/evidence}}; {{not a tag}}.";
    const json figures = {{"ratio.to_pipe", 3.4567}, {"rounds", 8}, {"placement", "same-cpu"}};
    CHECK_EQ(runner::fill_from_evidence(text, &figures),
             "A ring is faster (3.5x a pipe's, 8 rounds, same-cpu); {{not a tag}}.");
    // No run, or a run that did not record every figure the text names: no figures at all.
    CHECK_EQ(runner::fill_from_evidence(text, nullptr), "A ring is faster (see a run's evidence); {{not a tag}}.");
    const json partial = {{"ratio.to_pipe", 3.4567}, {"rounds", 8}};
    CHECK_EQ(runner::fill_from_evidence(text, &partial), "A ring is faster (see a run's evidence); {{not a tag}}.");
    // A placeholder outside a section; a spec that does not fit the value; no placeholders at all.
    CHECK_EQ(runner::fill_from_evidence("took {{evidence.rounds}} rounds", nullptr), "took (not measured) rounds");
    CHECK_EQ(runner::fill_from_evidence("took {{evidence.rounds:d}} rounds", &figures), "took 8 rounds");
    CHECK_EQ(runner::fill_from_evidence("on {{evidence.placement:.2f}}", &figures), "on same-cpu");
    CHECK_EQ(runner::fill_from_evidence("{{evidence.ratio.to_pipe:!}}", &figures), "3.4567");
    CHECK_EQ(runner::fill_from_evidence("Plain `text` {{", &figures), "Plain `text` {{");

    // The report fills "Linux does" from a PASS only; other verdicts and claims not run read without figures.
    auto claim = sample_claim("PIPE-02", "fix");
    claim.linux_does = "It holds {{#evidence}}{{evidence.bytes_accepted_before_blocking}} bytes, {{/evidence}}"
                       "64 KiB by default.";
    auto model_of = [&](std::optional<runner::Status> status) {
        runner::RunResults run;
        if (status) run.cases.push_back(sample_case("PIPE-02", *status));
        return runner::report_model(run, {claim})["sections"][0]["claims"][0];
    };
    CHECK_EQ(model_of(runner::Status::Pass)["linux_does"], "It holds 65536 bytes, 64 KiB by default.");
    CHECK_EQ(model_of(runner::Status::Fail)["linux_does"], "It holds 64 KiB by default.");
    CHECK_EQ(model_of(runner::Status::Skip)["linux_does"], "It holds 64 KiB by default.");
    CHECK_EQ(model_of(std::nullopt)["linux_does"], "It holds 64 KiB by default.");
}

TEST_CASE("a verdict's reason comes from what the case printed") {
    auto fail = sample_case("PIPE-04", runner::Status::Fail);
    fail.output = "evidence: x = 1\n/src/case.cpp:42: ERROR: CHECK_EQ( got, 65536 ) is NOT correct!\n"
                  "  values: CHECK_EQ( 0, 65536 )\n\n[doctest] Status: FAILURE!\n";
    CHECK_EQ(runner::verdict_reason(fail), "CHECK_EQ( got, 65536 ) is NOT correct! values: CHECK_EQ( 0, 65536 )");
    // The harness's own labels, and the first failed check when several failed.
    fail.output = "/src/case.cpp:42: ERROR: CHECK_EQ( got, 65536 ) is NOT correct!\n  kernel: 4096  expected: 65536\n"
                  "/src/case.cpp:43: ERROR: CHECK( later ) is NOT correct!\n";
    CHECK_EQ(runner::verdict_reason(fail), "CHECK_EQ( got, 65536 ) is NOT correct! kernel: 4096  expected: 65536");
    fail.output = "/src/case.cpp:7: FATAL ERROR: REQUIRE( ok ) is NOT correct!\n";
    CHECK_EQ(runner::verdict_reason(fail), "REQUIRE( ok ) is NOT correct!");
    // A reason the run recorded wins over what the output says (results.json's `reason`).
    fail.reason = "recorded";
    CHECK_EQ(runner::verdict_reason(fail), "recorded");
    fail.reason.clear();
    fail.output = "killed\n";
    fail.exit = "killed by SIGSEGV";
    CHECK_EQ(runner::verdict_reason(fail), "killed by SIGSEGV");

    auto skip = sample_case("PIPE-04", runner::Status::Skip);
    skip.output = "SKIP: needs root to drop to another uid\n";
    CHECK_EQ(runner::verdict_reason(skip), "needs root to drop to another uid");
    skip.output = "";
    CHECK_EQ(runner::verdict_reason(skip), "skipped (exited with code 77)");

    auto broken = sample_case("PIPE-04", runner::Status::Broken);
    broken.output = "BROKEN: fork failed: EAGAIN\n";
    CHECK_EQ(runner::verdict_reason(broken), "fork failed: EAGAIN (exited with code 99)");
    broken.output = "";
    CHECK_EQ(runner::verdict_reason(broken), "exited with code 99");

    auto timeout = sample_case("PIPE-04", runner::Status::Timeout);
    timeout.exit = "timed out after 30 s";
    CHECK_EQ(runner::verdict_reason(timeout), "timed out after 30 s");
    CHECK_EQ(runner::verdict_reason(sample_case("PIPE-04", runner::Status::Pass)), "");
}

TEST_CASE("output tails keep the last lines") {
    std::string many;
    for (int i = 0; i < 40; ++i) many += "line " + std::to_string(i) + "\n";
    auto tail = runner::output_tail(many, 3);
    CHECK_EQ(tail, "line 37\nline 38\nline 39\n");
    CHECK_EQ(runner::output_tail(""), "");
    auto huge = runner::output_tail(std::string(10000, 'x'));
    CHECK(huge.size() < 4100);
    CHECK_EQ(huge.substr(0, 3), "...");
}

TEST_CASE("a failure's tail starts at its first failed check, whole, with the kernel's value") {
    const std::string output = "evidence: a = 1\n=====\nTEST CASE:  PIPE-04\n\n"
                               "/src/case.cpp:42: ERROR: CHECK_EQ( got, 65536 ) is NOT correct!\n"
                               "  kernel: 4096  expected: 65536\n\n"
                               "/src/case.cpp:43: ERROR: CHECK( later ) is NOT correct!\n  values: CHECK( false )\n";
    CHECK_EQ(runner::failure_tail(output, 12),
             "/src/case.cpp:42: ERROR: CHECK_EQ( got, 65536 ) is NOT correct!\n  kernel: 4096  expected: 65536\n\n"
             "/src/case.cpp:43: ERROR: CHECK( later ) is NOT correct!\n  values: CHECK( false )\n");
    CHECK_EQ(runner::failure_tail(output, 2),
             "/src/case.cpp:42: ERROR: CHECK_EQ( got, 65536 ) is NOT correct!\n  kernel: 4096  expected: 65536\n");
    CHECK_EQ(runner::failure_tail("one\ntwo\nthree\n", 2), "two\nthree\n");  // no failed check: the last lines
}

TEST_CASE("templates escape per format") {
    CHECK_EQ(runner::markdown_escape("a|b *c* `d` \\ <e>\nf"), "a\\|b \\*c\\* \\`d\\` \\\\ &lt;e> f");
    CHECK_EQ(runner::markdown_escape("anon_pipe_write"), "anon_pipe_write");
    json view = {{"v", "<b>&\"x\"</b>"}, {"yes", true}, {"no", false}, {"n", 3}, {"list", {1, 2}}, {"nil", nullptr}};
    CHECK_EQ(runner::render_template("{{v}}", view, runner::Markup::Html), "&lt;b&gt;&amp;&quot;x&quot;&lt;/b&gt;");
    CHECK_EQ(runner::render_template("{{{v}}}", view, runner::Markup::Html), "<b>&\"x\"</b>");
    CHECK_EQ(runner::render_template("{{#yes}}Y{{/yes}}{{#no}}N{{/no}}{{^nil}}0{{/nil}}{{n}}{{#list}}.{{.}}{{/list}}",
                                     view, runner::Markup::Markdown),
             "Y03.1.2");
    CHECK_EQ(runner::render_template("[{{> p}}]", view, runner::Markup::Html, {{"p", "{{n}}"}}), "[3]");
    CHECK_THROWS_WITH_AS(runner::render_template("{{#open}}", view, runner::Markup::Html),
                         doctest::Contains("report template"), std::runtime_error);
    CHECK_THROWS_AS(runner::render_template("x", view, runner::Markup::Html, {{"p", "{{/bad}}"}}), std::runtime_error);
    CHECK_THROWS_AS(runner::embedded_report_file("nope.mustache"), std::out_of_range);

    auto spans = runner::code_spans("call `pipe()` then `read()`, `unclosed");
    REQUIRE_EQ(spans.size(), 5);
    CHECK_EQ(spans[1], json({{"text", "pipe()"}, {"code", true}}));
    CHECK_EQ(spans[4], json({{"text", ", `unclosed"}, {"code", false}}));

    CHECK_EQ(runner::tidy_markdown("a\n\n\n\nb\n````\nx\n\n\ny\n````\n\n\nc\n"), "a\n\nb\n````\nx\n\n\ny\n````\n\nc\n");
}

TEST_CASE("the report model: environment, totals, problems first, every claim by area, coverage") {
    runner::RunResults run;
    run.environment = {{"kernel", {{"release", "6.1.0-test"}, {"version", "#1 SMP"}, {"machine", "x86_64"}}},
                       {"distribution", "Debian GNU/Linux 12 (bookworm)"},
                       {"page_size", 4096},
                       {"cpus", 2},
                       {"isolation", "ipc-namespace"},
                       {"uid", 0},
                       {"wrap", "strace -f"},
                       {"sysctls", {{"kernel.sem", "32000\t1024000000\t500\t32000"}}}};
    std::vector<runner::Claim> catalogue = {sample_claim("PIPE-01", "seed"), sample_claim("PIPE-02", "fix"),
                                            sample_claim("PIPE-03", "seed"), sample_claim("PIPE-04", "seed"),
                                            sample_claim("PIPE-05", "edge"), sample_claim("PIPE-06", "seed"),
                                            sample_claim("PIPE-07", "seed")};
    catalogue[6].case_name.clear();  // no case yet
    catalogue[5].area = "fifo";      // a second area
    catalogue[5].area_title = "FIFOs";
    catalogue[5].area_order = 2;
    run.cases = {sample_case("PIPE-01", runner::Status::Pass),    sample_case("PIPE-02", runner::Status::Fail),
                 sample_case("PIPE-03", runner::Status::Skip),    sample_case("PIPE-04", runner::Status::Broken),
                 sample_case("PIPE-05", runner::Status::Timeout), sample_case("XTRA-01", runner::Status::Pass)};
    run.cases[1].output = "x.cpp:1: ERROR: CHECK( false ) is NOT correct!\n";
    run.cases[0].evidence["empty"] = "";
    run.cases[0].leftover_processes = 2;

    auto m = runner::report_model(run, catalogue);
    CHECK_EQ(m["env"]["kernel"], "6.1.0-test");
    CHECK_EQ(m["env"]["has_wrap"], true);
    CHECK_EQ(m["env"]["sysctls"][0]["value"], "32000 1024000000 500 32000");
    CHECK_EQ(m["cases_run"], 6);
    CHECK_EQ(m["all_good"], false);
    CHECK_EQ(m["headline"], "3 of 6 cases run did not pass.");
    std::map<std::string, int> totals;
    for (auto& t : m["totals"]) totals[t["verdict"]] = t["count"];
    CHECK_EQ(totals, std::map<std::string, int>{{"PASS", 2}, {"FAIL", 1}, {"SKIP", 1}, {"BROKEN", 1}, {"TIMEOUT", 1}});

    // Failures, then timeouts, then broken cases.
    REQUIRE_EQ(m["problems"].size(), 3);
    CHECK_EQ(m["problems"][0]["id"], "PIPE-02");
    CHECK_EQ(m["problems"][0]["reason"], "CHECK( false ) is NOT correct!");
    CHECK_EQ(m["problems"][1]["id"], "PIPE-05");
    CHECK_EQ(m["problems"][2]["id"], "PIPE-04");

    // Areas in catalogue order; results the catalogue does not know last.
    REQUIRE_EQ(m["sections"].size(), 3);
    CHECK_EQ(m["sections"][0]["title"], "Pipes");
    CHECK_EQ(m["sections"][1]["title"], "FIFOs");
    CHECK_EQ(m["sections"][2]["claims"][0]["id"], "XTRA-01");
    auto pipes = m["sections"][0]["claims"];
    CHECK_EQ(pipes[0]["verdict"], "PASS");
    CHECK_EQ(pipes[0]["sentence"], "PIPE-01 holds on this kernel.");
    CHECK_EQ(pipes[0]["has_leftover"], true);
    CHECK_EQ(pipes[1]["is_fix"], true);
    CHECK_EQ(pipes[1]["linux_does_parts"][1]["text"], "F_GETPIPE_SZ");
    CHECK_EQ(pipes[5]["verdict"], "NO CASE YET");
    CHECK_EQ(m["sections"][1]["claims"][0]["verdict"], "NOT RUN");

    CHECK_EQ(m["coverage"][0], json({{"area", "pipe"},
                                     {"title", "Pipes"},
                                     {"anchor", "area-pipe"},
                                     {"in_catalogue", 6},
                                     {"from_document", 5},
                                     {"beyond", 1},
                                     {"implemented", 5},
                                     {"run", 5},
                                     {"passing", 1}}));
    CHECK_EQ(m["coverage_total"]["in_catalogue"], 7);
    CHECK_EQ(m["coverage_total"]["passing"], 1);

    // Both formats from that model; the catalogue's Markdown and the values escaped in each.
    ipc::TempDir dir;
    auto files = runner::write_report(dir.path() + "/sub", run, catalogue);
    auto md = slurp(files.markdown);
    auto html = slurp(files.html);
    CHECK(contains(md, "| FAIL | 1 |"));
    CHECK(contains(md, "A writer blocks in `write()` when the pipe is <full> & stays | there."));
    CHECK(contains(md, "| bytes accepted before blocking | 65536 |"));
    CHECK(contains(md, "| empty | (empty) |"));
    CHECK(contains(md, "- Linux does: It holds `F_GETPIPE_SZ` bytes"));
    CHECK(contains(md, "### NO CASE YET · PIPE-07"));
    CHECK_FALSE(contains(md, "\n\n\n"));
    // A run without the faults says so, in both (`ipc-claims sensitivity` fills it in).
    CHECK(contains(md, "Sensitivity: not measured in this run"));
    CHECK(contains(html, "Sensitivity: not measured in this run"));
    CHECK(contains(html, "when the pipe is &lt;full&gt; &amp; stays | there."));
    CHECK(contains(html, "<code>write()</code>"));
    CHECK(contains(html, "<h4>The document says</h4>"));
    CHECK(contains(html, "2 leftover process(es) killed"));
    check_page_structure(html, m);
    CHECK(contains(html, "@media print"));
    CHECK(contains(html, "@media (max-width"));
    CHECK_FALSE(contains(html, "<script"));
    CHECK_FALSE(contains(html, "<link"));
    CHECK_FALSE(contains(html, "src="));

    runner::RunResults empty;
    CHECK_EQ(runner::report_model(empty, catalogue)["headline"], "No case was run.");
    run.cases = {sample_case("PIPE-01", runner::Status::Pass), sample_case("PIPE-03", runner::Status::Skip)};
    CHECK_EQ(runner::report_model(run, catalogue)["headline"], "All 2 cases run passed or were skipped (1 skipped).");
}

TEST_CASE("run writes report.md and report.html beside results.json; Chromium shows the totals and the failure") {
    ipc::TempDir out;
    const std::string shim = std::string(IPC_FAULTS_DIR) + "/pipe_drops_data_at_eof.so";
    REQUIRE_MESSAGE(fs::exists(shim), shim);
    auto r = ipc_claims({"run", "PIPE-06", "--wrap", "env LD_PRELOAD=" + shim, "--out", out.path()});
    CHECK_MESSAGE(r.exit_code == 1, r.output);
    CHECK_MESSAGE(contains(r.output, "report:  " + out.file("report.md")), r.output);
    CHECK(contains(r.output, out.file("report.html")));
    REQUIRE(fs::exists(out.file("report.md")));
    REQUIRE(fs::exists(out.file("report.html")));

    auto results = runner::read_results_file(out.file("results.json"));
    const runner::CaseResult* failed = nullptr;
    for (const auto& c : results.cases)
        if (c.status == runner::Status::Fail) failed = &c;
    REQUIRE_MESSAGE(failed != nullptr, "the shim did not make PIPE-06 fail:\n" << r.output);
    REQUIRE_FALSE(failed->evidence.empty());

    const std::string dom = rendered_dom(out.file("report.html"));
    const std::string totals = section_of(dom, "totals");
    std::map<runner::Status, int> count;
    for (const auto& c : results.cases) ++count[c.status];
    for (auto s : {runner::Status::Pass, runner::Status::Fail, runner::Status::Skip, runner::Status::Broken,
                   runner::Status::Timeout}) {
        std::string expect = "data-verdict=\"" + runner::to_string(s) + "\">" + std::to_string(count[s]) + "</span>";
        CHECK_MESSAGE(contains(totals, expect), expect << " not in " << totals);
    }
    CHECK(contains(dom, "1 of 1 cases run did not pass."));

    const std::string attention = section_of(dom, "attention");
    CHECK(contains(attention, failed->claim));
    CHECK(contains(attention, dom_text(runner::verdict_reason(*failed))));
    for (auto& [key, value] : failed->evidence.items()) {
        std::string shown = runner::plain_value(value).empty() ? "(empty)" : runner::plain_value(value);
        CHECK_MESSAGE(contains(attention, "<td>" + dom_text(shown) + "</td>"), key << " = " << shown);
        CHECK(contains(attention, dom_text(runner::plain_key(key))));
    }
    const std::string environment = section_of(dom, "environment");
    CHECK(contains(environment, results.environment["kernel"]["release"].get<std::string>()));
    CHECK(contains(environment, "kernel.msgmax"));
}

TEST_CASE("report rewrites the reports from a results.json, and refuses bad input with one line") {
    ipc::TempDir out;
    runner::RunResults run;
    run.environment = {{"kernel", {{"release", "5.10.0-edited"}}}};
    auto c = sample_case("PIPE-04", runner::Status::Timeout);
    c.exit = "timed out after 30 s";
    run.cases = {c};
    runner::write_json_file(out.file("results.json"), runner::to_json(run));

    auto r = ipc_claims({"report", out.file("results.json"), "--out", out.file("elsewhere")});
    REQUIRE_MESSAGE(r.exit_code == 0, r.output);
    CHECK(contains(r.output, out.file("elsewhere/report.html")));
    auto md = slurp(out.file("elsewhere/report.md"));
    CHECK(contains(md, "5.10.0-edited"));
    CHECK(contains(md, "### TIMEOUT · PIPE-04"));
    CHECK(contains(md, "timed out after 30 s"));
    REQUIRE_EQ(ipc_claims({"report", out.file("results.json")}).exit_code, 0);
    CHECK(fs::exists(out.file("report.html")));
    // junit.xml too, from the same results: the claim id, the reason as the error's message.
    pugi::xml_document junit;
    REQUIRE(junit.load_file(out.file("elsewhere/junit.xml").c_str()));
    auto tc = junit.child("testsuites").child("testsuite").child("testcase");
    CHECK_EQ(std::string(tc.attribute("name").value()), "PIPE-04");
    CHECK_EQ(std::string(tc.child("error").attribute("message").value()), "timed out after 30 s");

    auto missing = ipc_claims({"report", out.file("nope.json")});
    CHECK_EQ(missing.exit_code, 2);
    CHECK(contains(missing.output, "cannot read results file"));
    { std::ofstream(out.file("bad.json")) << "{ not json"; }
    auto bad = ipc_claims({"report", out.file("bad.json")});
    CHECK_EQ(bad.exit_code, 2);
    CHECK(contains(bad.output, "is not valid JSON"));
    CHECK_EQ(std::count(bad.output.begin(), bad.output.end(), '\n'), 1);
}

TEST_CASE("results files are checked when read back") {
    ipc::TempDir dir;
    auto write = [&](const std::string& text) {
        std::ofstream(dir.file("r.json")) << text;
        return dir.file("r.json");
    };
    auto message = [&](const std::string& text) -> std::string {
        try {
            runner::read_results_file(write(text));
        } catch (const std::runtime_error& e) {
            return e.what();
        }
        return "";
    };
    CHECK(contains(message("[1, 2]"), "no `schema`"));
    CHECK(contains(message(R"({"schema": 3, "cases": []})"), "has schema 3; this ipc-claims reads schema 1 to 2"));
    CHECK(contains(message(R"({"schema": 1})"), "no `cases` array"));
    CHECK(contains(message(R"({"schema": 1, "cases": [], "environment": 3})"), "`environment` is not an object"));
    CHECK(contains(message(R"({"schema": 1, "cases": [{"status": "PASS"}]})"), "case 1: no claim id"));
    CHECK(contains(message(R"({"schema": 1, "cases": [{"claim": "X-1", "status": "MEH"}]})"), "unknown status `MEH`"));
    CHECK(contains(message(R"({"schema": 1, "cases": [{"claim": "X-1", "status": "PASS", "evidence": 3}]})"),
                   "`evidence` is not an object"));
    CHECK_EQ(message(R"({"schema": 1, "cases": [{"claim": "X-1", "status": "SKIP"}]})"), "");  // schema 1's name
    CHECK_EQ(message(R"({"schema": 2, "cases": [{"claim": "X-1", "verdict": "SKIP", "reason": "r"}]})"), "");
    CHECK(contains(message(R"({"schema": 2, "cases": [{"claim": "X-1"}]})"), "case 1: no verdict"));
    CHECK_THROWS_AS(runner::write_text_file("/proc/no/such/dir/file", "x"), std::runtime_error);
}

TEST_CASE("JUnit XML: a testsuite per area, a testcase per claim, messages, evidence as properties") {
    runner::RunResults run;
    run.environment = {{"kernel", {{"release", "6.1.0"}}}, {"page_size", 4096}};
    std::vector<runner::Claim> catalogue = {sample_claim("PIPE-01", "seed"), sample_claim("PIPE-02", "seed"),
                                            sample_claim("PIPE-03", "seed"), sample_claim("PIPE-04", "seed")};
    catalogue[3].area = "msg";
    run.cases = {sample_case("PIPE-01", runner::Status::Pass), sample_case("PIPE-02", runner::Status::Fail),
                 sample_case("PIPE-03", runner::Status::Skip), sample_case("PIPE-04", runner::Status::Timeout),
                 sample_case("ZZZ-01", runner::Status::Broken)};
    run.cases[1].output =
        std::string("x.cpp:1: ERROR: CHECK( a ) is NOT correct!\nbad bytes: \x01\xff\xc3\x28 ok \xc3\xa9\n");
    run.cases[2].output = "SKIP: no user namespaces\n";
    run.cases[3].exit = "timed out after 30 s";
    run.cases[0].duration_s = 0.00001234;

    ipc::TempDir dir;
    runner::write_junit(dir.file("junit.xml"), run, catalogue);
    pugi::xml_document doc;
    auto parsed = doc.load_file(dir.file("junit.xml").c_str());
    REQUIRE_MESSAGE(parsed, parsed.description());
    auto suites = doc.child("testsuites");
    CHECK_EQ(suites.attribute("tests").as_int(), 5);
    CHECK_EQ(suites.attribute("failures").as_int(), 1);
    CHECK_EQ(suites.attribute("errors").as_int(), 2);
    CHECK_FALSE(suites.attribute("skipped"));  // junit-10.xsd: counted per testsuite only

    std::vector<std::string> names;
    int skipped = 0;
    for (auto suite : suites.children("testsuite")) {
        names.push_back(suite.attribute("name").value());
        CHECK(std::string(suite.attribute("timestamp").value()).size() == 19);
        CHECK_FALSE(std::string(suite.attribute("hostname").value()).empty());
        CHECK(suite.child("properties").child("property"));
        int cases = 0;
        for (auto tc : suite.children("testcase")) {
            ++cases;
            CHECK_EQ(std::string(tc.attribute("classname").value()),
                     std::string("ipc-claims.") + suite.attribute("name").value());
            CHECK(std::string(tc.attribute("time").value()).find('e') == std::string::npos);
        }
        CHECK_EQ(suite.attribute("tests").as_int(), cases);
        skipped += suite.attribute("skipped").as_int();
    }
    CHECK_EQ(skipped, 1);
    CHECK_EQ(names, std::vector<std::string>{"pipe", "msg", "unknown"});

    auto pipe = suites.find_child_by_attribute("testsuite", "name", "pipe");
    auto pass = pipe.find_child_by_attribute("testcase", "classname", "ipc-claims.pipe");
    CHECK_EQ(std::string(pass.attribute("name").value()), "PIPE-01");  // stable when the statement is reworded
    CHECK_EQ(std::string(pass.attribute("time").value()), "0.000");
    auto property = [](pugi::xml_node tc, const char* name) {
        return std::string(
            tc.child("properties").find_child_by_attribute("property", "name", name).attribute("value").value());
    };
    CHECK_EQ(property(pass, "statement"), "A writer blocks in `write()` when the pipe is <full> & stays | there.");
    CHECK_EQ(property(pass, "evidence.writer_blocked.wchan"), "anon_pipe_write");
    CHECK_FALSE(pass.child("failure"));
    CHECK(pass.child("system-out"));

    auto fail = pass.next_sibling("testcase");
    CHECK_EQ(std::string(fail.child("failure").attribute("message").value()), "CHECK( a ) is NOT correct!");
    CHECK_EQ(std::string(fail.child("failure").attribute("type").value()), "FAIL");
    CHECK(contains(fail.child("failure").text().get(), "bad bytes: ??"
                                                       "?( ok \xc3\xa9"));
    CHECK_EQ(std::string(fail.first_child().name()), "properties");  // then failure, then system-out
    CHECK_EQ(std::string(fail.last_child().name()), "system-out");

    auto skip = fail.next_sibling("testcase");
    CHECK_EQ(std::string(skip.child("skipped").attribute("message").value()), "no user namespaces");
    auto timeout = suites.find_child_by_attribute("testsuite", "name", "msg").child("testcase");
    CHECK_EQ(std::string(timeout.child("error").attribute("type").value()), "TIMEOUT");
    CHECK_EQ(std::string(timeout.child("error").attribute("message").value()), "timed out after 30 s");
    auto broken = suites.find_child_by_attribute("testsuite", "name", "unknown").child("testcase");
    CHECK_EQ(std::string(broken.attribute("name").value()), "ZZZ-01");
    CHECK_EQ(std::string(broken.child("error").attribute("type").value()), "BROKEN");

    CHECK_THROWS_AS(runner::write_junit("/proc/no/such/dir/junit.xml", run, catalogue), std::runtime_error);
}

TEST_CASE("peer checks: the report says how many the implemented claims answer, and lists the others") {
    runner::Claim answered;
    answered.id = "X-1";
    answered.area = "x";
    answered.kind = "edge";
    answered.statement = "s";
    answered.case_name = "c";
    answered.peers = {"ltp:a", "gvisor:S.T"};
    answered.man = {"msgop(2)"};
    runner::Claim unimplemented = answered;
    unimplemented.id = "X-2";
    unimplemented.case_name.clear();
    unimplemented.peers = {"ltp:b"};
    const std::vector<runner::PeerCheck> inventory = {
        {"ltp:a", "x", "one"}, {"ltp:b", "x", "two"}, {"gvisor:S.T", "x", "three"}, {"ltp:c", "y", "four"}};
    const auto m = runner::report_model(runner::RunResults{}, {answered, unimplemented}, inventory);
    CHECK_EQ(m["peers"]["text"], "The claims answer 2 of 4 peer checks (LTP, gVisor, kselftest)");
    CHECK_EQ(m["peers"]["areas"][0]["answered"], 2);
    CHECK_EQ(m["peers"]["areas"][0]["missing"][0]["check"], "ltp:b");  // its claim has no case yet
    CHECK_EQ(m["peers"]["areas"][1]["missing"][0]["behaviour"], "four");
    CHECK_EQ(m["coverage"][0]["beyond"], 2);
    const auto& claim = m["sections"][0]["claims"][0];
    CHECK_EQ(claim["peers"], "ltp:a, gvisor:S.T");
    CHECK_EQ(claim["man"], "msgop(2)");
    CHECK_FALSE(runner::report_model(runner::RunResults{}, {answered})["has_peers"].get<bool>());
}
