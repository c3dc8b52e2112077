// Lab grading: every lab's reference and the document's own programs score
// full marks; every faulty submission loses exactly the points of the checks
// its FAULT.toml names, and no others. Also: the reports a course tool reads.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "ipc/temp_dir.hpp"
#include "labs/grader.hpp"
#include "labs/lab_check.hpp"

namespace fs = std::filesystem;

namespace {

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), {});
}

}  // namespace

// Every submission's marks are lab_check_test's (`lab check` grades each
// shipped lab twice); here each lab's reference, document and the faults
// that end by themselves (no deadline to wait for), for the reports.
TEST_CASE("each lab: the reports of its reference and of the faults that end by themselves") {
    const fs::path labs_root = fs::path(IPC_SOURCE_DIR) / "labs";
    const ipc::TempDir temp("ipc-claims-grade-test");
    const fs::path out = temp.path();
    for (const char* name : {"pipe", "pipe-capacity", "shm", "msg", "sigchld", "unix-socket"}) {
        grading::Lab lab = grading::load_lab(name, labs_root);
        std::vector<grading::ShippedSubmission> expected;
        for (auto& e : grading::shipped_submissions(lab))
            if (!e.loses.count("terminates")) expected.push_back(e);
        REQUIRE(!expected.empty());
        std::vector<fs::path> dirs;
        for (auto& e : expected) dirs.push_back(e.dir);
        grading::GradeOptions opt;
        opt.jobs = 6;  // mostly asleep: the document's programs sleep, faults wait for deadlines
        opt.out_dir = out / name;
        auto grades = grading::grade_class(lab, dirs, opt);
        REQUIRE(grades.size() == expected.size());
        for (std::size_t i = 0; i < grades.size(); ++i) {
            const auto& g = grades[i];
            CAPTURE(name);
            CAPTURE(g.submission);
            double lost = 0;
            for (const auto& c : g.checks) {
                if (expected[i].loses.count(c.id)) lost += c.max_score;
                INFO(c.id << ": " << c.score << "/" << c.max_score << " " << c.output);
            }
            const std::string mismatch = grading::grade_mismatch(expected[i], g);
            CHECK_MESSAGE(mismatch.empty(), name << ": " << mismatch);
            CHECK(g.score == doctest::Approx(lab.max_score() - lost));
            CHECK(g.max_score == doctest::Approx(lab.max_score()));
            for (const char* f : {"results.json", "junit.xml", "report.md", "report.html"})
                CHECK_MESSAGE(fs::exists(opt.out_dir / g.submission / f), g.submission << "/" << f);
        }
        CHECK(fs::exists(opt.out_dir / "summary.csv"));
        // The pages: for any browser and screen, and why points were lost
        // readable in the summary's text, not only in a tooltip.
        const std::string summary = slurp(opt.out_dir / "summary.html");
        CHECK(summary.find("<html lang=\"en\">") != std::string::npos);
        CHECK(summary.find("<meta name=\"viewport\"") != std::string::npos);
        for (const auto& g : grades)
            for (const auto& c : g.checks)
                if (c.score < c.max_score) {
                    const std::string why = c.output.substr(0, c.output.find('\n'));
                    const bool plain = why.find_first_of("<>&\"'") == std::string::npos;
                    if (plain)
                        CHECK_MESSAGE(summary.find(">" + why + "<") != std::string::npos, g.submission << ": " << why);
                }
        const std::string page = slurp(opt.out_dir / grades.front().submission / "report.html");
        CHECK(page.find("<html lang=\"en\">") != std::string::npos);
        CHECK(page.find("<meta name=\"viewport\"") != std::string::npos);
        std::ifstream in(opt.out_dir / expected.front().dir.filename() / "results.json");
        auto j = nlohmann::json::parse(in);
        CHECK(j.contains("score"));
        CHECK(j.contains("max_score"));
        REQUIRE(j["tests"].is_array());
        for (const auto& t : j["tests"])
            for (const char* k : {"name", "score", "max_score", "output"}) CHECK(t.contains(k));
    }
}

// A correct solution the reference does not show must get full marks too:
// the sigchld lab allows SIGCHLD taken from a signalfd.
TEST_CASE("the sigchld lab: a signalfd solution gets full marks") {
    const grading::Lab lab = grading::load_lab("sigchld", fs::path(IPC_SOURCE_DIR) / "labs");
    const ipc::TempDir temp("ipc-claims-grade-test");
    grading::GradeOptions opt;
    opt.out_dir = temp.path();
    const auto grades =
        grading::grade_class(lab, {fs::path(IPC_SOURCE_DIR) / "tests" / "labs-alternatives" / "sigchld-signalfd"}, opt);
    REQUIRE(grades.size() == 1);
    for (const auto& c : grades.front().checks) CHECK_MESSAGE(c.score == c.max_score, c.id << ": " << c.output);
    CHECK(grades.front().score == doctest::Approx(lab.max_score()));
}
