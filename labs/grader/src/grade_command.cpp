// `ipc-claims grade`: many submissions at once, one grading process each
// (the grader itself stays single-threaded: it forks).
#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdlib>
#include <fmt/core.h>
#include <fstream>
#include <map>
#include <sys/wait.h>
#include <unistd.h>

#include "labs/grader.hpp"

namespace grading {
namespace fs = std::filesystem;
using json = nlohmann::json;

std::vector<Grade> grade_class(const Lab& lab, const std::vector<fs::path>& submissions, const GradeOptions& opt) {
    // Names in the class: directory names, made unique.
    std::vector<std::string> names;
    std::map<std::string, int> seen;
    for (const auto& s : submissions) {
        std::string base = fs::absolute(s).lexically_normal().filename().string();
        if (base.empty()) base = fs::absolute(s).lexically_normal().parent_path().filename().string();
        int n = ++seen[base];
        names.push_back(n == 1 ? base : fmt::format("{}-{}", base, n));
    }
    const fs::path out = opt.out_dir.empty() ? fs::temp_directory_path() / fmt::format("ipc-claims-grades.{}", ::getpid())
                                             : opt.out_dir;
    GradeOptions o = opt;
    o.out_dir = out;
    std::map<pid_t, std::size_t> running;
    std::size_t next = 0;
    auto reap_one = [&] {
        int st;
        pid_t pid = ::waitpid(-1, &st, 0);
        if (pid > 0) running.erase(pid);
        return pid;
    };
    while (next < submissions.size() || !running.empty()) {
        if (next < submissions.size() && static_cast<int>(running.size()) < std::max(1, opt.jobs)) {
            const std::size_t i = next++;
            std::fflush(nullptr);  // or the child would print the parent's buffered output again
            pid_t pid = ::fork();
            if (pid == 0) {
                int code = 0;
                try {
                    GradeOptions mine = o;
                    if (mine.seed) mine.seed += static_cast<unsigned>(i);
                    grade_submission(lab, submissions[i], names[i], mine, static_cast<int>(i));
                } catch (const std::exception& e) {
                    fmt::print(stderr, "ipc-claims grade: {}: {}\n", names[i], e.what());
                    code = 1;
                }
                std::fflush(nullptr);
                ::_exit(code);
            }
            if (pid > 0) running[pid] = i;
            continue;
        }
        if (reap_one() < 0) break;
    }
    std::vector<Grade> grades;
    for (std::size_t i = 0; i < submissions.size(); ++i) {
        std::ifstream in(out / names[i] / "results.json");
        json j = json::parse(in, nullptr, false);
        Grade g;
        if (j.is_object()) {
            g = grade_from_gradescope(j);
        } else {
            g.submission = names[i];
            g.dir = fs::absolute(submissions[i]);
            g.max_score = lab.max_score();
            for (const auto& c : lab.checks) g.checks.push_back({c.id, c.name, 0, c.points, "the grader failed"});
        }
        g.submission = names[i];
        grades.push_back(g);
    }
    write_class_summary(lab, grades, out);
    return grades;
}

void add_grade_command(CLI::App& app) {
    struct Args {
        std::string lab;
        std::vector<std::string> submissions;
        int jobs = static_cast<int>(std::max(1L, ::sysconf(_SC_NPROCESSORS_ONLN)));
        std::string out = "grades";
        std::string labs_root = default_labs_root().string();
        bool coverage = false;
        unsigned seed = 0;
    };
    static Args a;
    auto* grade = app.add_subcommand("grade", "Grade students' submissions of a lab (pipe, pipe-capacity, shm, msg) in a sandbox");
    grade->add_option("lab", a.lab, "The lab: a name under --labs, a lab directory, or a lab.toml")->required();
    grade->add_option("submissions", a.submissions, "Submission directories")->required();
    grade->add_option("-j,--jobs", a.jobs, "Submissions graded at once")->check(CLI::Range(1, 64))->capture_default_str();
    grade->add_option("--out", a.out, "Directory for the reports (one folder per submission, summary.csv/html)")
        ->capture_default_str();
    grade->add_option("--labs", a.labs_root, "Directory of the labs")->capture_default_str();
    grade->add_flag("--coverage", a.coverage, "Build with gcov and add an lcov HTML report of the lines the scenarios ran");
    grade->add_option("--seed", a.seed, "Seed for the random input lines (0: random)");
    grade->callback([] {
        int code = 0;
        try {
            Lab lab = load_lab(a.lab, a.labs_root);
            std::vector<fs::path> subs(a.submissions.begin(), a.submissions.end());
            for (const auto& s : subs)
                if (!fs::is_directory(s)) throw std::invalid_argument("not a submission directory: " + s.string());
            GradeOptions o;
            o.jobs = a.jobs;
            o.coverage = a.coverage;
            o.out_dir = fs::absolute(a.out);
            o.seed = a.seed;
            fs::create_directories(o.out_dir);
            const auto t0 = std::chrono::steady_clock::now();
            auto grades = grade_class(lab, subs, o);
            for (const auto& g : grades) {
                std::string failed;
                for (const auto& c : g.checks)
                    if (c.score < c.max_score) failed += (failed.empty() ? "" : ", ") + c.id;
                fmt::print("{:<28} {:>5g} / {:<5g} {}\n", g.submission, g.score, g.max_score,
                           failed.empty() ? "" : "lost: " + failed);
            }
            fmt::print("\n{} submission(s) of lab {} graded in {:.1f} s; reports in {} (summary.csv, summary.html)\n",
                       grades.size(), lab.name,
                       std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(), o.out_dir.string());
        } catch (const std::exception& e) {
            fmt::print(stderr, "ipc-claims grade: {}\n", e.what());
            code = 2;
        }
        std::fflush(nullptr);
        std::exit(code);
    });
}

}  // namespace grading
