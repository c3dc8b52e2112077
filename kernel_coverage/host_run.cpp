#include "kernel_coverage/host_run.hpp"

#include <algorithm>
#include <chrono>
#include <fmt/core.h>
#include <fmt/format.h>
#include <fstream>
#include <sstream>

#include "kernel_coverage/analysis.hpp"
#include "kernel_coverage/anchor.hpp"
#include "kernel_coverage/gcov_data.hpp"
#include "kernel_coverage/guest_run.hpp"
#include "kernel_coverage/lcov.hpp"
#include "report/kernel_coverage.hpp"
#include "vm/cpio.hpp"

namespace kcov {

namespace fs = std::filesystem;
namespace kernel = runner::kernel;
using Clock = std::chrono::steady_clock;

namespace {

double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

std::string read_file(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// The build tree, checked: a bzImage built with gcov counters.
fs::path checked_image(const fs::path& build) {
    const fs::path image = build / "arch/x86/boot/bzImage";
    if (!fs::exists(image))
        throw std::invalid_argument("--kernel-build " + build.string() +
                                    ": no arch/x86/boot/bzImage (build it with scripts/gcov-kernel)");
    if (read_file(build / ".config").find("\nCONFIG_GCOV_KERNEL=y\n") == std::string::npos)
        throw std::invalid_argument("--kernel-build " + build.string() +
                                    ": its .config has no CONFIG_GCOV_KERNEL=y (not a gcov kernel)");
    return image;
}

// The claims' snapshots, in run order ("007-MSG-05" -> MSG-05).
std::vector<ClaimSnapshot> read_claim_snapshots(const fs::path& dir, const fs::path& build) {
    std::vector<fs::path> dirs;
    if (fs::is_directory(dir))
        for (const auto& e : fs::directory_iterator(dir)) dirs.push_back(e.path());
    std::sort(dirs.begin(), dirs.end());
    std::vector<ClaimSnapshot> out;
    for (const auto& d : dirs) {
        const std::string name = d.filename().string();
        out.push_back({name.substr(name.find('-') + 1), read_snapshot(d, build), d});
    }
    return out;
}

std::vector<std::string> files_of(const std::vector<SourceCounts>& counts) {
    std::vector<std::string> files;
    for (const auto& s : counts) files.push_back(s.file);
    return files;
}

}  // namespace

int run_kernel_coverage(const runner::RunOptions& run, kernel::KernelOptions k, const CoverageOptions& c) {
    const auto start = Clock::now();
    // As the build named it: the counters carry the build tree's real path.
    const fs::path build = fs::canonical(c.build);
    k.images = {checked_image(build).string()};
    for (const char* tool : {"gcov", "lcov", "genhtml"})
        if (kernel::find_in_path(tool).empty())
            throw std::invalid_argument(std::string(tool) + " not found (Debian: apt-get install lcov gcc)");

    kernel::GuestTask task;
    task.command = "coverage-guest";
    task.result_file = guest_archive;
    task.runner = run.self;
    task.catalogue_dir = k.catalogue_dir.empty() ? run.self.parent_path() / "catalogue" : k.catalogue_dir;
    task.cases_dir = run.cases_dir;
    for (const auto& claim : run.selected)
        if (claim.implemented()) {
            task.case_paths.push_back(claim.case_path());
            task.args.push_back(claim.id);
        }
    task.args.insert(task.args.end(), {"--timeout", fmt::format("{:.3f}", run.timeout.count() / 1000.0)});
    if (c.anchor) {
        const fs::path stress_ng = kernel::find_in_path("stress-ng");
        if (stress_ng.empty())
            throw std::invalid_argument("stress-ng not found (Debian: apt-get install stress-ng), or --no-anchor");
        task.tools.push_back(stress_ng);
        task.args.insert(task.args.end(), {"--anchor", "--anchor-timeout", std::to_string(c.anchor_timeout_s)});
    }
    task.shows_line = [](const std::string& line) {
        return kernel::is_status_word(line) || line.rfind("anchor: ", 0) == 0 || line.rfind("coverage: ", 0) == 0;
    };

    std::optional<kernel::GuestOutcome> outcome;
    const int interrupted =
        kernel::boot_kernels(task, k, [&](std::size_t, const kernel::GuestOutcome& o) { outcome = o; });
    if (interrupted) return 128 + interrupted;
    runner::write_text_file(run.out_dir / "console.log", outcome->console);
    if (!outcome->body) {
        kernel::print_failure(*outcome);
        return 1;
    }
    fmt::print("coverage: the guest sent {:.1f} MiB in {:.1f} s (boot {:.1f} s)\n", outcome->body->size() / 1048576.0,
               outcome->seconds, outcome->boot_s.value_or(0));

    const fs::path guest = run.out_dir / "guest";
    fs::remove_all(guest);
    kernel::extract_cpio(*outcome->body, guest);
    kernel::GuestOutcome reported = *outcome;
    reported.body = read_file(guest / "results.json");
    runner::RunResults results = kernel::guest_run_results(run, reported);

    const auto analysis_start = Clock::now();
    const std::vector<ClaimSnapshot> claims = read_claim_snapshots(guest / "snapshots/claims", build);
    if (claims.empty()) throw std::runtime_error("the guest sent no counters (" + (guest / "snapshots").string() + ")");
    const bool anchored = fs::is_directory(guest / "snapshots/anchor");
    const std::vector<SourceCounts> anchor = anchored ? read_snapshot(guest / "snapshots/anchor", build)
                                                      : std::vector<SourceCounts>{};
    Analysis analysis = analyse(claims, anchor);

    const fs::path html = run.out_dir / "kernel";
    fs::remove_all(html);
    fs::create_directories(html);
    const std::vector<std::string> files = files_of(claims.back().counts);
    capture_tracefile(claims.back().dir, build, files, "suite", html / "suite.info");
    write_genhtml(html / "suite.info", build, html / "suite", "ipc-claims: the kernel's IPC code the claims reach");
    if (anchored) {
        capture_tracefile(guest / "snapshots/anchor", build, files, "anchor", html / "anchor.info");
        write_genhtml(html / "anchor.info", build, html / "anchor", "stress-ng's IPC stressors (the anchor)");
    }

    nlohmann::json& summary = analysis.summary;
    summary["kernel"] = results.environment.value("kernel", nlohmann::json::object());
    summary["build"] = build.string();
    // How each stressor ended, and the command of each.
    nlohmann::json stressors = nlohmann::json::parse(read_file(guest / "anchor.json"), nullptr, false);
    if (anchored && stressors.is_array())
        for (std::size_t i = 0; i < stressors.size() && i < anchor_stressors().size(); ++i)
            stressors[i]["command"] =
                fmt::format("{}", fmt::join(stress_ng_command(anchor_stressors()[i], c.anchor_timeout_s), " "));
    summary["anchor"] = anchored && stressors.is_array() ? stressors : nlohmann::json();
    summary["anchor_log"] = anchored ? nlohmann::json("guest/anchor.log") : nlohmann::json();
    summary["genhtml"] = {{"suite", "kernel/suite/index.html"},
                          {"anchor", anchored ? nlohmann::json("kernel/anchor/index.html") : nlohmann::json()}};
    summary["guest_s"] = outcome->seconds;
    summary["analysis_s"] = seconds_since(analysis_start);
    for (auto& r : results.cases)
        if (auto it = analysis.claims.find(r.claim); it != analysis.claims.end())
            r.kernel_functions = it->second.functions;
    results.kernel_coverage = summary;

    const int code = runner::write_run(run, results, seconds_since(start), 0);
    runner::write_json_file(run.out_dir / "kernel-coverage.json", summary);
    const runner::PageFiles pages = runner::write_kernel_coverage(run.out_dir, results);
    fmt::print("kernel coverage: {}\n                 {}\n", pages.markdown.string(), pages.html.string());
    return code;
}

}  // namespace kcov
