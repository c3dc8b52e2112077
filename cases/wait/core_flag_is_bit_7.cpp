// WAIT-02 (fix §1.4; wait(2) WCOREDUMP, core(5), <bits/waitstatus.h>): for a
// death by signal the low 7 bits of the status hold the signal number and bit
// 7 (0x80) says whether a core was dumped. The document prints `status & 0xff`
// as "the signal": right only when no core was dumped (SIGPIPE: 13), wrong
// when one was (SIGQUIT with a core: 0x83 = 131, not 3).
//
// A real core is produced only where that is safe: core_pattern must name a
// plain file relative to the dumping process's directory (the child works in
// a private temporary directory, removed with the core), not a pipe to a
// host handler nor an absolute path; RLIMIT_CORE is raised in the child
// only. Otherwise the no-core half is checked and the reason recorded.
#include <algorithm>
#include <cstdio>
#include <dirent.h>
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include "ipc/case.hpp"
#include "ipc/signals.hpp"

namespace {

constexpr rlim_t core_limit = 64u << 20;  // ample for this small process

std::string hex(int raw) {
    char text[16];
    std::snprintf(text, sizeof text, "0x%04x", raw);
    return text;
}

// Why a core cannot be produced safely here, or "" when it can.
std::string why_no_core(const std::string& pattern, const rlimit& limit) {
    if (pattern.empty()) return "no readable /proc/sys/kernel/core_pattern";
    if (pattern[0] == '|') return "core_pattern pipes cores to a host handler (" + pattern + ")";
    if (pattern[0] == '/') return "core_pattern writes outside the case's directory (" + pattern + ")";
    if (pattern.find('/') != std::string::npos) return "core_pattern names a subdirectory (" + pattern + ")";
    if (limit.rlim_max != RLIM_INFINITY && limit.rlim_max < 1u << 20)
        return "the RLIMIT_CORE hard limit is " + std::to_string(limit.rlim_max) + " bytes";
    return "";
}

std::vector<std::string> files_in(const std::string& dir) {
    std::vector<std::string> names;
    if (DIR* d = ::opendir(dir.c_str())) {
        while (auto* e = ::readdir(d))
            if (std::string(e->d_name) != "." && std::string(e->d_name) != "..") names.push_back(e->d_name);
        ::closedir(d);
    }
    return names;
}

// A child that works in dir, with RLIMIT_CORE at `core` bytes, and kills
// itself with sig (its default action, whatever it inherited).
ipc::WaitStatus die_of(int sig, const std::string& dir, rlim_t core) {
    return ipc::Child::fork([&] {
               if (::chdir(dir.c_str()) != 0) return 2;
               rlimit limit{};
               ::getrlimit(RLIMIT_CORE, &limit);
               limit.rlim_cur = std::min(core, limit.rlim_max);
               if (::setrlimit(RLIMIT_CORE, &limit) != 0) return 3;
               if (int fd = ::open("/proc/self/coredump_filter", O_WRONLY); fd >= 0) {
                   (void)!::write(fd, "0", 1);  // no anonymous memory in the core: keep it small
                   ::close(fd);
               }
               ::signal(sig, SIG_DFL);
               sigset_t set;
               sigemptyset(&set);
               sigaddset(&set, sig);
               ::sigprocmask(SIG_UNBLOCK, &set, nullptr);
               ::kill(::getpid(), sig);
               return 4;  // not reached if the signal killed
           })
        .wait();
}

// No core: the document's `status & 0xff` is the signal. The numbers span
// the whole 7-bit field: low, the highest standard signal (SIGSYS, whose
// default is a core dump) and the real-time ones up to the last.
void signal_in_low_7_bits_without_core() {
    for (int sig : {SIGPIPE, SIGKILL, SIGQUIT, SIGSYS, SIGRTMIN, SIGRTMIN + 5, SIGRTMAX}) {
        const std::string name = ipc::any_signal_name(sig);
        INFO(name << " (" << sig << ") without a core");
        ipc::TempDir dir;
        auto status = die_of(sig, dir.path(), 0);
        const int raw = status.raw();
        ipc::evidence(name + "_no_core",
                      hex(raw) + " (" + status.describe() + "), status & 0xff = " + std::to_string(raw & 0xff));
        CHECK(status.killed_by(sig));
        CHECK_EQ(raw & 0x7f, sig);
        CHECK_EQ(raw & 0x80, 0);
        CHECK_EQ(raw & 0xff, sig);
        CHECK(files_in(dir.path()).empty());
    }
}

// "core (123 bytes), ..." or "none".
std::string listing_of(const std::string& dir, const std::vector<std::string>& files) {
    std::string listing;
    for (auto& f : files) {
        struct stat st {};
        ::stat((dir + "/" + f).c_str(), &st);
        listing += (listing.empty() ? "" : ", ") + f + " (" + std::to_string(st.st_size) + " bytes)";
    }
    return listing.empty() ? "none" : listing;
}

// A core: bit 7 is set, so `status & 0xff` is not the signal.
void core_sets_bit_7() {
    ipc::TempDir dir;
    auto status = die_of(SIGQUIT, dir.path(), core_limit);
    const int raw = status.raw();
    auto files = files_in(dir.path());
    ipc::evidence("SIGQUIT_with_core", hex(raw) + " (" + status.describe() +
                                           "), status & 0xff = " + std::to_string(raw & 0xff) +
                                           ", status & 0x7f = " + std::to_string(raw & 0x7f));
    ipc::evidence("core_files", listing_of(dir.path(), files));
    CHECK(status.killed_by(SIGQUIT));
    CHECK_EQ(raw & 0x7f, SIGQUIT);
    CHECK_EQ(raw & 0x80, 0x80);
    CHECK(status.core_dumped());
    CHECK_EQ(raw & 0xff, SIGQUIT | 0x80);
    CHECK_EQ(files.size(), 1u);  // the flag tells the truth: a core is there
}

}  // namespace

CLAIM("WAIT-02", "a signal death puts the signal in the low 7 bits and the core flag in bit 7") {
    std::string pattern = ipc::read_text("/proc/sys/kernel/core_pattern").value_or("");
    while (!pattern.empty() && (pattern.back() == '\n' || pattern.back() == ' ')) pattern.pop_back();
    rlimit limit{};
    ::getrlimit(RLIMIT_CORE, &limit);
    ipc::evidence("kernel.core_pattern", pattern);
    ipc::evidence("RLIMIT_CORE_hard", limit.rlim_max == RLIM_INFINITY ? "unlimited" : std::to_string(limit.rlim_max));

    signal_in_low_7_bits_without_core();
    const std::string why = why_no_core(pattern, limit);
    ipc::evidence("core_dump_checked", why.empty());
    if (why.empty()) core_sets_bit_7();
    else ipc::evidence("core_dump_not_checked_because", why);
}
