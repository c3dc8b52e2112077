// `ipc-claims bench` once its command line is parsed (app/bench.cpp adds the
// options): the arguments as given, values as text, checked here so that
// every bad one is one line on stderr and exit 2.
#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "vm/boot.hpp"

namespace bench {

struct CommandArgs {
    std::vector<std::string> mechanisms;
    std::optional<std::string> sizes, latency_sizes;  // given, even as "" (then bad input)
    std::string time = "0.08", reps = "5", placements, out, floor = "5";
    std::vector<std::string> compare;  // OLD NEW
    bool cross_check = false;
    runner::kernel::KernelOptions kernel;  // --kernel: in guests under qemu
    // What a --kernel guest is given beside the program: the catalogue and the
    // cases the program found (app/context.cpp: beside it, or installed).
    std::filesystem::path catalogue_dir, cases_dir;
};

// Runs the bench (or --compare), its messages on stderr; returns 0 done, 1
// --compare found a figure worse, 2 bad input, 3 a measurement failed (or a
// kernel gave no figures), 128+signal when interrupted.
int run_command(const CommandArgs& args);

}  // namespace bench
