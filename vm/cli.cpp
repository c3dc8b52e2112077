#include "vm/cli.hpp"

#include <fmt/core.h>
#include <unistd.h>

#include "report/ktap.hpp"
#include "report/matrix.hpp"
#include "model/results.hpp"

namespace runner::kernel {

void add_kernel_options(CLI::App* cmd, KernelOptions& k, const std::string& what) {
    cmd->add_option("--kernel", k.images,
                    "Boot this kernel image (bzImage/vmlinuz) under qemu and " + what +
                        " there; repeatable. Results go to OUT/<kernel release>/")
        ->allow_extra_args(false);
    cmd->add_option("--kernel-append", k.append, "Extra kernel command line for --kernel");
    cmd->add_option("--kernel-timeout", k.kernel_timeout_s,
                    "Seconds for a whole kernel (boot, " + what + ", power off) before it is given up")
        ->check(CLI::PositiveNumber)->capture_default_str();
    cmd->add_option("--kernel-memory", k.memory_mb, "MiB of guest memory")
        ->check(CLI::Range(256, 65536))->capture_default_str();
    cmd->add_option("--kernel-cpus", k.cpus, "Guest CPUs")->check(CLI::Range(1, 64))->capture_default_str();
    cmd->add_option("--accel", k.accel,
                    "qemu accelerator: auto (KVM only if a short probe boot works, else TCG), kvm, tcg")
        ->check(CLI::IsMember({"auto", "kvm", "tcg"}))->capture_default_str();
    cmd->add_option("--qemu", k.qemu, "The qemu program")->capture_default_str();
    cmd->add_option("--tcg-cpu", k.tcg_cpu, "qemu's -cpu model under TCG")->capture_default_str();
}

void add_run_options(CLI::App* run, RunExtensions& x) {
    x.jobs = run->get_option("-j");
    x.catalogue = run->get_parent()->get_option("--catalogue");
    add_kernel_options(run, x.kernel, "run the claims (-j is then kernels at once, default 1)");
    run->add_option("--format", x.format, "text, or ktap: KTAP on stdout (progress on stderr)")
        ->check(CLI::IsMember({"text", "ktap"}))->capture_default_str();
}

int run_extended(const RunOptions& opt, RunExtensions& x) {
    const bool ktap = x.format == "ktap";
    int saved_stdout = -1;
    if (ktap) {  // the people's progress to stderr, stdout for KTAP alone
        std::fflush(stdout);
        saved_stdout = ::dup(STDOUT_FILENO);
        ::dup2(STDERR_FILENO, STDOUT_FILENO);
    }
    int code;
    try {
        if (x.kernel.images.empty()) {
            code = run_suite(opt);
        } else {
            x.kernel.kernels_at_once = x.jobs && x.jobs->count() ? opt.jobs : 1;
            if (x.catalogue) x.kernel.catalogue_dir = x.catalogue->as<std::string>();
            code = run_kernels(opt, x.kernel);
        }
    } catch (...) {
        if (ktap) std::fflush(stdout), ::dup2(saved_stdout, STDOUT_FILENO), ::close(saved_stdout);
        throw;
    }
    if (!ktap) return code;
    std::fflush(stdout);
    ::dup2(saved_stdout, STDOUT_FILENO);
    ::close(saved_stdout);
    if (code > 128) return code;  // interrupted: no results, no KTAP
    std::string doc;
    if (x.kernel.images.empty()) {
        doc = ktap_document(read_results_file(opt.out_dir / "results.json"));
    } else {
        std::vector<std::pair<std::string, RunResults>> runs;
        for (const auto& dir : kernel_result_dirs()) runs.emplace_back(dir.filename().string(), read_results_file(dir / "results.json"));
        doc = ktap_document(runs);
    }
    fmt::print("{}", doc);
    std::fflush(stdout);
    return code;
}

void add_matrix_command(CLI::App& app, MatrixCommand& m) {
    m.app = app.add_subcommand("matrix",
                               "Claims by kernels from several runs (host runs and `run --kernel` output "
                               "directories): matrix.md and matrix.html, differing rows first");
    m.app->add_option("runs", m.runs, "results.json files, run directories, or directories of run directories")
        ->required();
    m.app->add_option("--out", m.out, "Directory for matrix.md and matrix.html")->capture_default_str();
}

int run_matrix(const MatrixCommand& m, const std::vector<Claim>& claims) {
    std::vector<std::filesystem::path> paths(m.runs.begin(), m.runs.end());
    auto runs = load_matrix_runs(paths);
    std::error_code ec;
    std::filesystem::create_directories(m.out, ec);
    if (ec || ::access(m.out.c_str(), W_OK) != 0)
        throw std::invalid_argument("output directory " + m.out + " is not writable");
    fmt::print("{}", matrix_text(matrix_model(runs, claims)));
    MatrixFiles files = write_matrix(m.out, runs, claims);
    fmt::print("\nmatrix: {}\n        {}\n", files.markdown.string(), files.html.string());
    return 0;
}

}  // namespace runner::kernel
