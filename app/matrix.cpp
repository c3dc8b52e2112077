// `ipc-claims matrix`: claims by kernels from several runs (report/matrix.hpp).
#include <fmt/core.h>

#include "command.hpp"
#include "options.hpp"
#include "report/matrix.hpp"

namespace app {
namespace matrix_cmd {

struct Options {
    std::vector<std::string> runs;
    std::string out = ".";
};

void add_options(CLI::App& cmd, Options& o, const Context&) {
    cmd.add_option("runs", o.runs, "results.json files, run directories, or directories of run directories")
        ->required();
    cmd.add_option("--out", o.out, "Directory for matrix.md and matrix.html")->capture_default_str();
}

int run(const Options& o, Context& context) {
    const auto& claims = context.claims();
    auto runs = runner::load_matrix_runs({o.runs.begin(), o.runs.end()});
    ensure_writable_dir(o.out);
    fmt::print("{}", runner::matrix_text(runner::matrix_model(runs, claims)));
    runner::PageFiles files = runner::write_matrix(o.out, runs, claims);
    fmt::print("\nmatrix: {}\n        {}\n", files.markdown.string(), files.html.string());
    return 0;
}

}  // namespace matrix_cmd

Command matrix_command() {
    return command<matrix_cmd::Options>("matrix",
                                        "Claims by kernels from several runs (host runs and `run --kernel` output "
                                        "directories): matrix.md and matrix.html, differing rows first",
                                        matrix_cmd::add_options, matrix_cmd::run);
}

}  // namespace app
