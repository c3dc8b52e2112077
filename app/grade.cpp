// `ipc-claims grade`: students' submissions of a lab graded in the sandbox,
// several at once (labs/grader.hpp); or, with --export gradescope, the lab
// as a Gradescope autograder (labs/gradescope.hpp).
#include <chrono>
#include <fmt/core.h>
#include <unistd.h>

#include "command.hpp"
#include "labs/gradescope.hpp"
#include "labs/grader.hpp"
#include "labs/isolation_lost.hpp"
#include "options.hpp"

namespace app {
namespace grade_cmd {

namespace fs = std::filesystem;

struct Options {
    std::string lab;
    std::vector<std::string> submissions;
    int jobs = static_cast<int>(std::max(1L, ::sysconf(_SC_NPROCESSORS_ONLN)));
    std::string out = "grades";
    std::string labs_root = grading::default_labs_root().string();
    bool coverage = false;
    unsigned seed = 0;
    bool unprivileged = false;
    std::string export_format;
    std::string source = grading::default_source_root().string();
};

void add_options(CLI::App& cmd, Options& o, const Context&) {
    cmd.add_option("lab", o.lab, "The lab: a name under --labs, a lab directory, or a lab.toml")->required();
    cmd.add_option("submissions", o.submissions, "Submission directories");
    cmd.add_option("-j,--jobs", o.jobs, "Submissions graded at once")
        ->check(whole_number(1, 64))
        ->capture_default_str();
    cmd.add_option("--out", o.out,
                   "Directory for the reports (one folder per submission, summary.csv/html), or for autograder.zip")
        ->capture_default_str();
    cmd.add_option("--labs", o.labs_root, "Directory of the labs")->capture_default_str();
    cmd.add_flag("--coverage", o.coverage,
                 "Build with gcov and add an lcov HTML report of the lines the scenarios ran");
    cmd.add_option("--seed", o.seed, "Seed for the random input lines (0: random)")->check(whole_number(0, UINT32_MAX));
    cmd.add_flag("--unprivileged", o.unprivileged,
                 "Grade although not root: the programs run as you, without a pids cgroup (a warning says so, "
                 "and every report)");
    cmd.add_option("--export", o.export_format,
                   "Write the lab as an autograder instead of grading: gradescope (--out DIR/autograder.zip)")
        ->check(one_of({"gradescope"}));
    cmd.add_option("--source", o.source, "With --export: the ipc-claims source tree the bundle builds the grader from")
        ->capture_default_str();
}

int export_lab(const Options& o, const grading::Lab& lab) {
    if (!o.submissions.empty())
        throw std::invalid_argument("--export writes the lab's autograder and grades nothing: no submissions");
    ensure_writable_dir(o.out);
    const fs::path zip = grading::export_gradescope(lab, o.source, o.out);
    fmt::print("{}: the Gradescope autograder of lab {} (setup.sh, run_autograder, the grader's sources, "
               "lab.toml); upload it as the assignment's autograder\n",
               zip.string(), lab.name);
    return 0;
}

int run(const Options& o, Context&) {
    grading::Lab lab = grading::load_lab(o.lab, o.labs_root);
    if (!o.export_format.empty()) return export_lab(o, lab);
    if (o.submissions.empty()) throw std::invalid_argument("submissions is required (or --export gradescope)");
    std::vector<fs::path> subs(o.submissions.begin(), o.submissions.end());
    for (const auto& s : subs)
        if (!fs::is_directory(s)) throw std::invalid_argument("not a submission directory: " + s.string());
    // Students' programs are not to be trusted: a weaker sandbox is a choice, never a surprise.
    const std::vector<std::string> lost = grading::isolation_lost_here();
    if (::geteuid() != 0 && !o.unprivileged)
        throw std::invalid_argument("not root: the sandbox could not run the programs under a uid of their own; "
                                    "run as root, or pass --unprivileged to grade them as you");
    if (!lost.empty()) fmt::print(stderr, "{}\n", grading::isolation_warning(lost));
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

}  // namespace grade_cmd

Command grade_command() {
    return command<grade_cmd::Options>(
        "grade",
        "Grade students' submissions of a lab in a sandbox, or export the lab as a Gradescope "
        "autograder (--export gradescope)",
        grade_cmd::add_options, grade_cmd::run);
}

}  // namespace app
