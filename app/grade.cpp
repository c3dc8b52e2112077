// `ipc-claims grade`: students' submissions of a lab graded in the sandbox,
// several at once (labs/grader.hpp).
#include <chrono>
#include <fmt/core.h>
#include <unistd.h>

#include "command.hpp"
#include "labs/grader.hpp"
#include "options.hpp"

namespace app {
namespace {

namespace fs = std::filesystem;

struct Options {
    std::string lab;
    std::vector<std::string> submissions;
    int jobs = static_cast<int>(std::max(1L, ::sysconf(_SC_NPROCESSORS_ONLN)));
    std::string out = "grades";
    std::string labs_root = grading::default_labs_root().string();
    bool coverage = false;
    unsigned seed = 0;
};

void add_options(CLI::App& cmd, Options& o, const Context&) {
    cmd.add_option("lab", o.lab, "The lab: a name under --labs, a lab directory, or a lab.toml")->required();
    cmd.add_option("submissions", o.submissions, "Submission directories")->required();
    cmd.add_option("-j,--jobs", o.jobs, "Submissions graded at once")
        ->check(whole_number(1, 64))
        ->capture_default_str();
    cmd.add_option("--out", o.out, "Directory for the reports (one folder per submission, summary.csv/html)")
        ->capture_default_str();
    cmd.add_option("--labs", o.labs_root, "Directory of the labs")->capture_default_str();
    cmd.add_flag("--coverage", o.coverage,
                 "Build with gcov and add an lcov HTML report of the lines the scenarios ran");
    cmd.add_option("--seed", o.seed, "Seed for the random input lines (0: random)")->check(whole_number(0, UINT32_MAX));
}

int run(const Options& o, Context&) {
    grading::Lab lab = grading::load_lab(o.lab, o.labs_root);
    std::vector<fs::path> subs(o.submissions.begin(), o.submissions.end());
    for (const auto& s : subs)
        if (!fs::is_directory(s)) throw std::invalid_argument("not a submission directory: " + s.string());
    grading::GradeOptions g;
    g.jobs = o.jobs;
    g.coverage = o.coverage;
    g.out_dir = fs::absolute(o.out);
    g.seed = o.seed;
    ensure_writable_dir(g.out_dir);
    const auto t0 = std::chrono::steady_clock::now();
    auto grades = grading::grade_class(lab, subs, g);
    for (const auto& grade : grades) {
        std::string failed;
        for (const auto& c : grade.checks)
            if (c.score < c.max_score) failed += (failed.empty() ? "" : ", ") + c.id;
        fmt::print("{:<28} {:>5g} / {:<5g} {}\n", grade.submission, grade.score, grade.max_score,
                   failed.empty() ? "" : "lost: " + failed);
    }
    fmt::print("\n{} submission(s) of lab {} graded in {:.1f} s; reports in {} (summary.csv, summary.html)\n",
               grades.size(), lab.name, std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(),
               g.out_dir.string());
    return 0;
}

}  // namespace

Command grade_command() {
    return command<Options>("grade",
                            "Grade students' submissions of a lab (pipe, pipe-capacity, shm, msg) in a sandbox",
                            add_options, run);
}

}  // namespace app
