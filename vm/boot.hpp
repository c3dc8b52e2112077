// `ipc-claims run --kernel IMAGE...`: boots each kernel under qemu with an
// initramfs built from this build tree (see initramfs.hpp, guest.hpp), runs
// the selected claims there, and writes DIR/<kernel release>/results.json
// (with the guest's environment), junit.xml, the reports and console.log.
#pragma once
#include <chrono>
#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "runner/suite.hpp"

namespace runner::kernel {

// What a bzImage's setup header says: "6.1.0-18-cloud-amd64 (debian-kernel@...) #1 SMP ...".
struct ImageHeader {
    std::string version;  // the whole kernel_version string
    std::string release;  // its first word, as `uname -r` will say
};
// nullopt when the file is not an x86 Linux kernel image (no "HdrS" setup header).
std::optional<ImageHeader> read_image_header(const std::filesystem::path& image);

// An executable found in $PATH, or empty.
std::filesystem::path find_in_path(const std::string& name);

struct KernelOptions {
    std::vector<std::string> images;
    std::string append;             // extra kernel command line
    double kernel_timeout_s = 240;  // the whole kernel: boot, suite, power off
    std::string accel = "auto";     // auto (KVM only when a probe boot proves it works), kvm, tcg
    int memory_mb = 1024;
    int cpus = 2;
    int kernels_at_once = 1;
    std::string qemu = "qemu-system-x86_64";
    // The CPU model under TCG. qemu64 lacks what 6.12's alternatives assume
    // (6.12 oopses in exc_debug_kernel on qemu 7.2's qemu64); max emulates a full set.
    std::string tcg_cpu = "max";
    std::filesystem::path catalogue_dir;  // the catalogue the guest reads (default: beside the runner)
};

// What a guest runs: its init (the runner) runs `ipc-claims COMMAND ARGS...
// --out DIR` and sends DIR/RESULT_FILE back over the result channel.
using LineFilter = std::function<bool(const std::string& console_line)>;
struct GuestTask {
    std::string command = "run";
    std::vector<std::string> args;
    std::string result_file = "results.json";
    std::filesystem::path runner;  // this ipc-claims binary
    std::filesystem::path catalogue_dir;
    std::filesystem::path cases_dir;
    std::vector<std::string> case_paths;       // the case programs the initramfs holds ("pipe/...")
    std::vector<std::filesystem::path> tools;  // other programs for the guest's PATH (stress-ng)
    LineFilter shows_line = [](const std::string&) { return false; };  // console lines shown as progress
};

// How one kernel ended.
struct GuestOutcome {
    std::string image;
    std::string label;                // the release in the image's header, else the file's name
    std::optional<std::string> body;  // the result file's text, when it came back whole
    std::string why;                  // otherwise what went wrong: not a kernel, panic, deadline ...
    std::string console;
    nlohmann::json vm;  // image, accel, qemu, memory_mb, cpus, wall_s, boot_s
    double seconds = 0;
    std::optional<double> boot_s;
};
// Whether a console line is the runner's verdict line for a case ("PASS ...").
bool is_status_word(const std::string& line);

using GuestDone = std::function<void(std::size_t image_index, const GuestOutcome&)>;

// Boots every image of k (k.kernels_at_once at a time) under qemu with an
// initramfs for the task, calling done() as each kernel ends. Returns 0, or
// the signal that interrupted it (every qemu stopped first). Throws
// std::invalid_argument when qemu or an image cannot be used.
int boot_kernels(const GuestTask& task, const KernelOptions& k, const GuestDone& done);

// The directory name for a guest's results: the release its environment
// reports, else the label.
std::string guest_release(const nlohmann::json& environment, const std::string& label);

// "[label] kernel IMAGE FAILED: why" and the console's last lines, on stderr.
void print_failure(const GuestOutcome& outcome);

// The run a guest reported (its body, results.json's text), with the
// guest's vm record; every selected claim BROKEN, with o.why set, when the
// body is missing or not a valid run; a selected claim it did not report is
// BROKEN.
RunResults guest_run_results(const RunOptions& opt, GuestOutcome& o);

// Runs opt.selected on every kernel, and sets result_dirs to the per-kernel
// result directories, in the order of the images (for the matrix and KTAP).
// Returns 0 when every claim passed or skipped on every kernel, 1 otherwise,
// 128+N when interrupted by signal N.
// Throws std::invalid_argument for what makes the run impossible (qemu
// missing, --wrap, no image given); a bad image is that kernel's BROKEN.
int run_kernels(const RunOptions& opt, const KernelOptions& k, std::vector<std::filesystem::path>& result_dirs);

}  // namespace runner::kernel
