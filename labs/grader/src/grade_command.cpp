// The work of `ipc-claims grade` (app/grade.cpp): many submissions at once,
// one grading process each (the grader itself stays single-threaded: it forks).
#include <algorithm>
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
    const fs::path out =
        opt.out_dir.empty() ? fs::temp_directory_path() / fmt::format("ipc-claims-grades.{}", ::getpid()) : opt.out_dir;
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

}  // namespace grading
