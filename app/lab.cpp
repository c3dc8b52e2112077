// `ipc-claims lab check DIR`: is a teacher's lab right (labs/lab_check.hpp)?
// One line per shipped submission, then the verdict: exit 0 when the lab is
// right, 1 when it is wrong (a message per problem), 2 for bad usage.
#include <chrono>
#include <fmt/core.h>
#include <unistd.h>

#include "command.hpp"
#include "labs/lab_check.hpp"
#include "options.hpp"

namespace app {
namespace lab_cmd {

namespace fs = std::filesystem;

struct Options {
    std::string dir, out;
    int jobs = 8;
    unsigned seed = 0;
};

void add_options(CLI::App& cmd, Options& o, const Context&) {
    cmd.require_subcommand(1);
    CLI::App* check =
        cmd.add_subcommand("check",
                           "Check a lab: its lab.toml, full marks for its reference, exactly the points each faulty "
                           "submission's FAULT.toml names, the same marks twice");
    check->add_option("dir", o.dir, "The lab's directory (lab.toml, reference/, faulty/<mistake>/FAULT.toml)")
        ->required();
    check->add_option("-j,--jobs", o.jobs, "Gradings at once (each mostly waits on its deadline)")
        ->check(whole_number(1, 64))
        ->capture_default_str();
    check->add_option("--seed", o.seed, "First seed of the random input lines (0: random)")
        ->check(whole_number(0, 1u << 30));
    check->add_option("--out", o.out, "Keep every report here (default: none kept)");
}

int run(const Options& o, Context&) {
    if (!fs::is_regular_file(fs::path(o.dir) / "lab.toml"))
        throw std::invalid_argument("not a lab directory: " + o.dir + " (no lab.toml in it)");
    if (!o.out.empty()) ensure_writable_dir(o.out);
    if (::geteuid() != 0)
        fmt::print(stderr, "ipc-claims lab check: not root: the lab's own programs run under your uid, "
                           "without a pids cgroup\n");
    const auto t0 = std::chrono::steady_clock::now();
    grading::LabCheck check;
    std::string lab_name = o.dir;
    try {
        const grading::Lab lab = grading::load_lab(o.dir, {});
        lab_name = lab.name;
        grading::LabCheckOptions options;
        options.jobs = o.jobs;
        options.seed = o.seed;
        if (!o.out.empty()) options.out_dir = fs::absolute(o.out);
        check = grading::check_lab(lab, options);
    } catch (const std::invalid_argument& e) {  // lab.toml or a FAULT.toml is malformed
        fmt::print("{}\nlab {} is wrong\n", e.what(), lab_name);
        return 1;
    }
    for (const auto& s : check.submissions) {
        const std::set<std::string> lost = grading::lost_checks(s.first);
        const std::string marks = fmt::format("{:g} / {:g}", s.first.score, s.first.max_score);
        if (!s.problems.empty())
            for (const auto& p : s.problems) fmt::print("{:<28} {:<9} WRONG: {}\n", s.name, marks, p);
        else
            fmt::print("{:<28} {:<9} {}\n", s.name, marks,
                       lost.empty() ? "full marks, twice"
                                    : "lost " + grading::id_list(lost) + " as FAULT.toml says, twice");
    }
    const auto problems = check.problems();
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (!problems.empty()) {
        fmt::print("\nlab {} is wrong: {} problem(s) (seeds {} and {}, {:.1f} s)\n", lab_name, problems.size(),
                   check.first_seed, check.second_seed, seconds);
        return 1;
    }
    fmt::print("\nlab {} is right: {} submission(s) graded twice (seeds {} and {}) in {:.1f} s\n", lab_name,
               check.submissions.size(), check.first_seed, check.second_seed, seconds);
    return 0;
}

}  // namespace lab_cmd

Command lab_command() {
    return command<lab_cmd::Options>("lab", "Check a lab a teacher wrote (`lab check DIR`) before grading with it",
                                     lab_cmd::add_options, lab_cmd::run);
}

}  // namespace app
