#include "kernel_options.hpp"

#include "options.hpp"

namespace app {

void add_kernel_options(CLI::App& cmd, runner::kernel::KernelOptions& k, const std::string& what) {
    cmd.add_option("--kernel", k.images,
                   "Boot this kernel image (bzImage/vmlinuz) under qemu and " + what +
                       " there; repeatable. Results go to OUT/<kernel release>/")
        ->allow_extra_args(false);
    add_machine_options(cmd, k, what);
}

void add_machine_options(CLI::App& cmd, runner::kernel::KernelOptions& k, const std::string& what) {
    cmd.add_option("--kernel-append", k.append, "Extra kernel command line for --kernel");
    cmd.add_option("--kernel-timeout", k.kernel_timeout_s,
                   "Seconds for a whole kernel (boot, " + what + ", power off) before it is given up")
        ->check(positive_seconds())
        ->capture_default_str();
    cmd.add_option("--kernel-memory", k.memory_mb, "MiB of guest memory")
        ->check(whole_number(256, 65536))
        ->capture_default_str();
    cmd.add_option("--kernel-cpus", k.cpus, "Guest CPUs")->check(whole_number(1, 64))->capture_default_str();
    cmd.add_option("--accel", k.accel,
                   "qemu accelerator: auto (KVM only if a short probe boot works, else TCG), kvm, tcg")
        ->check(one_of({"auto", "kvm", "tcg"}))
        ->capture_default_str();
    cmd.add_option("--qemu", k.qemu, "The qemu program")->capture_default_str();
    cmd.add_option("--tcg-cpu", k.tcg_cpu, "qemu's -cpu model under TCG")->capture_default_str();
}

}  // namespace app
