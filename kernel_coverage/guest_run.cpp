#include "kernel_coverage/guest_run.hpp"

#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstring>
#include <fcntl.h>
#include <fmt/core.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include "ipc/process.hpp"
#include "kernel_coverage/anchor.hpp"
#include "kernel_coverage/counters.hpp"
#include "vm/cpio.hpp"

namespace kcov {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

// Runs one stressor with its output appended to the log; returns what
// anchor.json records of it.
nlohmann::json run_stressor(const Stressor& stressor, int timeout_s, const fs::path& log) {
    const std::vector<std::string> argv = stress_ng_command(stressor, timeout_s);
    fmt::print("anchor: {}\n", fmt::join(argv, " "));
    std::fflush(stdout);
    const auto start = std::chrono::steady_clock::now();
    ipc::Child child = ipc::Child::fork([&] {
        int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
        if (fd >= 0) ::dup2(fd, STDOUT_FILENO), ::dup2(fd, STDERR_FILENO);
        if (::chdir("/tmp") != 0) return 127;  // stress-ng makes its scratch files in the working directory
        std::vector<char*> words;
        for (const auto& w : argv) words.push_back(const_cast<char*>(w.c_str()));
        words.push_back(nullptr);
        ::execvp(words[0], words.data());
        fmt::print(stderr, "cannot execute {}: {}\n", argv[0], std::strerror(errno));
        return 127;
    });
    // stress-ng stops itself at its --timeout; this deadline is for a stressor that hangs.
    const ipc::WaitStatus status = child.wait(std::chrono::seconds(2 * timeout_s + 30));
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    fmt::print("anchor: {} {} after {:.1f} s\n", stressor.name, status.describe(), seconds);
    return {{"stressor", stressor.name},
            {"ops", stressor.ops},
            {"status", status.describe()},
            {"seconds", std::round(seconds * 10) / 10}};
}

}  // namespace

int collect_in_guest(runner::RunOptions run, bool anchor, int anchor_timeout_s) {
    open_counters();
    const fs::path snapshots = run.out_dir / "snapshots";
    fs::remove_all(snapshots);
    run.jobs = 1;  // one claim's counters at a time
    std::size_t index = 0;
    run.after_case = [&](const runner::CaseResult& r) {
        snapshot_counters(snapshots / "claims" / fmt::format("{:03}-{}", ++index, r.claim));
    };
    const auto start = std::chrono::steady_clock::now();
    reset_counters();
    int interrupted = 0;
    runner::RunResults results = runner::run_cases(run, interrupted);
    const int code = runner::write_run(run, results,
                                       std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(),
                                       interrupted);

    if (anchor && !interrupted) {
        nlohmann::json runs = nlohmann::json::array();
        fs::remove(run.out_dir / "anchor.log");
        reset_counters();
        for (const auto& s : anchor_stressors())
            runs.push_back(run_stressor(s, anchor_timeout_s, run.out_dir / "anchor.log"));
        snapshot_counters(snapshots / "anchor");
        runner::write_json_file(run.out_dir / "anchor.json", runs);
    }

    const fs::path archive = run.out_dir / guest_archive;
    int fd = ::open(archive.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) throw std::runtime_error("cannot create " + archive.string() + ": " + std::strerror(errno));
    runner::kernel::CpioWriter cpio(fd);
    runner::kernel::add_files(cpio, run.out_dir, {"results.json", "anchor.json", "anchor.log", "snapshots"});
    cpio.finish();
    ::close(fd);
    fmt::print("coverage: {} snapshots, {:.1f} MiB to send\n", index + anchor, cpio.bytes() / 1048576.0);
    return code;
}

}  // namespace kcov
