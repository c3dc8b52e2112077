// The command-line side of `run --kernel`, `run --format ktap` and `matrix`,
// kept out of main.cpp: main adds these options and calls run_extended()
// where it would call run_suite().
#pragma once
#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "model/catalogue.hpp"
#include "vm/boot.hpp"
#include "runner/suite.hpp"

namespace runner::kernel {

struct RunExtensions {
    KernelOptions kernel;
    std::string format = "text";
    CLI::Option* jobs = nullptr;  // -j: kernels at once with --kernel (1 unless given)
    CLI::Option* catalogue = nullptr;  // the main command's --catalogue
};

// --kernel, --kernel-append, --kernel-timeout, --kernel-memory, --kernel-cpus,
// --accel, --qemu, --tcg-cpu, for any command that runs in guests (`what`
// it does there: "run the claims", "run the bench").
void add_kernel_options(CLI::App* cmd, KernelOptions& k, const std::string& what);

// The kernel options, and --format.
void add_run_options(CLI::App* run, RunExtensions& x);

// Runs on the host or, with --kernel, under qemu; with --format ktap the
// progress goes to stderr and KTAP to stdout.
int run_extended(const RunOptions& opt, RunExtensions& x);

struct MatrixCommand {
    CLI::App* app = nullptr;
    std::vector<std::string> runs;
    std::string out = ".";
};
void add_matrix_command(CLI::App& app, MatrixCommand& m);
int run_matrix(const MatrixCommand& m, const std::vector<Claim>& claims);

}  // namespace runner::kernel
