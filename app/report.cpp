// `ipc-claims report`: report.md, report.html and junit.xml again from a results.json.
#include <fmt/core.h>

#include "command.hpp"
#include "options.hpp"
#include "report/junit.hpp"
#include "report/kernel_coverage.hpp"
#include "report/report.hpp"

namespace app {
namespace report_cmd {

namespace fs = std::filesystem;

struct Options {
    std::string input, out;
};

void add_options(CLI::App& cmd, Options& o, const Context&) {
    cmd.add_option("results", o.input, "A results.json written by `ipc-claims run`, or the directory holding it")
        ->required();
    cmd.add_option("--out", o.out, "Directory for the reports (default: the results file's directory)");
}

int run(const Options& o, Context& context) {
    const auto& claims = context.claims();
    const fs::path input = fs::is_directory(o.input) ? fs::path(o.input) / "results.json" : fs::path(o.input);
    runner::RunResults results = runner::read_results_file(input);
    const fs::path dir = o.out.empty() ? fs::absolute(input).parent_path() : fs::path(o.out);
    ensure_writable_dir(dir);
    runner::PageFiles files = runner::write_report(dir, results, claims, context.peer_checks());
    runner::write_junit(dir / "junit.xml", results, claims);
    fmt::print("report: {}\n        {}\n        {}\n", files.markdown.string(), files.html.string(),
               (dir / "junit.xml").string());
    if (results.kernel_coverage.is_object()) {  // from `ipc-claims coverage`
        const runner::PageFiles pages = runner::write_kernel_coverage(dir, results);
        fmt::print("kernel coverage: {}\n                 {}\n", pages.markdown.string(), pages.html.string());
    }
    return 0;
}

}  // namespace report_cmd

Command report_command() {
    return command<report_cmd::Options>("report", "Write report.md, report.html and junit.xml from a results.json",
                                        report_cmd::add_options, report_cmd::run);
}

}  // namespace app
