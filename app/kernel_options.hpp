// The options of any command that runs in guests under qemu (`run` and
// `bench`): --kernel, --kernel-append, --kernel-timeout, --kernel-memory,
// --kernel-cpus, --accel, --qemu, --tcg-cpu.
#pragma once
#include <CLI/CLI.hpp>
#include <string>

#include "vm/boot.hpp"

namespace app {

// `what` the command does in a guest: "run the claims", "run the bench".
void add_kernel_options(CLI::App& cmd, runner::kernel::KernelOptions& k, const std::string& what);

// All of them but --kernel: how the machine is booted (`coverage` boots the
// gcov kernel it is given by its build tree).
void add_machine_options(CLI::App& cmd, runner::kernel::KernelOptions& k, const std::string& what);

}  // namespace app
