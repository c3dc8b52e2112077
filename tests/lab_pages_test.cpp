// The grader's pages for people: each submission's report.html has a heading
// per check and per section and the reason for each lost point in its text;
// the class summary shows the distribution of scores (an inline SVG) and the
// points most often lost, with the reason given most; when the sandbox lost
// isolation, every page says so plainly.
#include <doctest/doctest.h>

#include <cstdio>
#include <filesystem>
#include <set>
#include <sys/stat.h>
#include <unistd.h>

#include "command.hpp"
#include "ipc/privilege.hpp"
#include "ipc/process.hpp"
#include "ipc/temp_dir.hpp"
#include "labs/grader.hpp"

namespace fs = std::filesystem;
using testing::contains;

namespace {

grading::Grade grade_of(const grading::Lab& lab, const std::string& name, const std::set<std::string>& lost) {
    grading::Grade g;
    g.submission = name;
    g.max_score = lab.max_score();
    g.isolation = "IPC+PID+mount namespaces, no pids cgroup, the grader's own uid";
    g.isolation_lost = {"no uid switch: the students' programs run as the grader's own user"};
    for (const auto& c : lab.checks) {
        const bool lose = lost.count(c.id) > 0;
        g.checks.push_back(
            {c.id, c.name, lose ? 0 : c.points, c.points, lose ? "reason for " + c.id + "\nmore" : "ok"});
        g.score += g.checks.back().score;
    }
    return g;
}

int count(const std::string& text, const std::string& part) {
    int n = 0;
    for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
    return n;
}

}  // namespace

TEST_CASE("a submission's page: a heading per check, the reasons in the text, isolation lost said plainly") {
    const auto lab = grading::load_lab("pipe", fs::path(IPC_SOURCE_DIR) / "labs");
    const ipc::TempDir temp("ipc-claims-lab-pages-test");
    const auto g = grade_of(lab, "alice", {"mechanism", "cleanup"});
    grading::write_submission_reports(lab, g, temp.path());
    const std::string page = testing::slurp(temp.file("report.html"));
    CHECK(contains(page, "<html lang=\"en\">"));
    CHECK(contains(page, "<meta name=\"viewport\""));
    for (const auto& r : g.checks)
        if (r.name.find_first_of("<>&\"'") == std::string::npos)  // as written, not escaped
            CHECK_MESSAGE(contains(page, "<h3>" + std::string(r.score < r.max_score ? "✘ " : "✔ ") + r.name + " — "),
                          r.name);
    CHECK_EQ(count(page, "<h3>"), static_cast<int>(lab.checks.size()) + static_cast<int>(g.scenarios.size()));
    CHECK(contains(page, "<td>reason for mechanism</td>"));
    CHECK(contains(page, "<td>reason for cleanup</td>"));
    CHECK(!contains(page, "title=\""));  // no reason only in a tooltip
    CHECK(contains(page, "Isolation lost:</b> no uid switch"));
    CHECK(contains(testing::slurp(temp.file("report.md")), "**Isolation lost:** no uid switch"));
    const auto back = grading::grade_from_gradescope(grading::gradescope_json(g));
    CHECK(back.isolation_lost == g.isolation_lost);
}

TEST_CASE("the class summary: a histogram of the scores and the points most often lost") {
    const auto lab = grading::load_lab("pipe", fs::path(IPC_SOURCE_DIR) / "labs");  // 11 points
    const ipc::TempDir temp("ipc-claims-lab-pages-test");
    const std::vector<grading::Grade> grades = {grade_of(lab, "a", {}), grade_of(lab, "b", {"mechanism"}),
                                                grade_of(lab, "c", {"mechanism", "cleanup"}),
                                                grade_of(lab, "d", {"mechanism"})};
    grading::write_class_summary(lab, grades, temp.path());
    const std::string page = testing::slurp(temp.file("summary.html"));
    CHECK(contains(page, "<html lang=\"en\">"));
    CHECK(contains(page, "<meta name=\"viewport\""));
    // One bar per whole point, 0 to 11; counts above the bars that have some.
    CHECK_EQ(count(page, "<rect "), 12);
    CHECK(contains(page, "Scores out of 11: 1 scored 8, 2 scored 9, 1 scored 11"));
    CHECK(!contains(page, "<script"));
    CHECK_EQ(count(page, "http"), 1);
    // Most often lost first, in the teacher's words, with the reason given most.
    const auto mechanism = page.find("The messages really travel through a pipe <small>(mechanism");
    const auto cleanup = page.find("Leaves no process behind, no zombie while it lives <small>(cleanup");
    REQUIRE(mechanism != std::string::npos);
    REQUIRE(cleanup != std::string::npos);
    CHECK(mechanism < cleanup);
    CHECK(contains(page, "<td>3 of 4</td><td>reason for mechanism</td>"));
    CHECK(contains(page, "<td>1 of 4</td><td>reason for cleanup</td>"));
    CHECK(contains(page, "Isolation lost:</b> no uid switch"));
}

TEST_CASE("grade without root refuses, unless --unprivileged: then a loud warning, and the reports say what was lost") {
    const ipc::TempDir temp("ipc-claims-lab-pages-test");
    ::chmod(temp.path().c_str(), 0777);
    const std::string out = temp.file("log");
    // As nobody when root (as the user running the tests otherwise).
    auto grade_as_nobody = [&](std::vector<std::string> extra) {
        std::vector<std::string> argv = {IPC_CLAIMS_BIN, "grade",
                                         "pipe",         std::string(IPC_SOURCE_DIR) + "/labs/pipe/reference",
                                         "--out",        temp.file("grades"),
                                         "-j",           "1"};
        argv.insert(argv.end(), extra.begin(), extra.end());
        auto child = ipc::Child::fork([&] {
            if (::geteuid() == 0 && ipc::drop_to_nobody() != 0) return 125;
            std::freopen(out.c_str(), "w", stdout);
            ::dup2(STDOUT_FILENO, STDERR_FILENO);
            std::vector<char*> words;
            for (auto& w : argv) words.push_back(w.data());
            words.push_back(nullptr);
            ::execv(words[0], words.data());
            return 127;
        });
        const auto status = child.wait(std::chrono::minutes(2));
        return std::make_pair(status, testing::slurp(out));
    };
    auto [refused, why] = grade_as_nobody({});
    CAPTURE(why);
    CHECK(refused.exited_with(2));
    CHECK_EQ(testing::lines_of(why), 1);
    CHECK(contains(why, "not root: the sandbox could not run the programs under a uid of their own"));
    CHECK(contains(why, "--unprivileged"));

    auto [graded, said] = grade_as_nobody({"--unprivileged"});
    CAPTURE(said);
    CHECK(graded.exited_with(0));
    CHECK(contains(said, "WARNING: the sandbox is weaker than it should be: no uid switch"));
    CHECK(contains(said, "no pids cgroup"));
    CHECK(contains(testing::slurp(temp.file("grades/reference/report.html")), "Isolation lost:</b> no uid switch"));
    CHECK(contains(testing::slurp(temp.file("grades/summary.html")), "Isolation lost:</b> no uid switch"));
    CHECK(contains(testing::slurp(temp.file("grades/reference/results.json")), "\"isolation_lost\""));
}
