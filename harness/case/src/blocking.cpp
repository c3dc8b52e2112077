#include "ipc/blocking.hpp"

#include <algorithm>
#include <cstdlib>
#include <poll.h>
#include <doctest/doctest.h>

#include "ipc/evidence.hpp"
#include "ipc/fd.hpp"
#include "ipc/outcome.hpp"
#include "ipc/procfs.hpp"
#include "ipc/readiness.hpp"

namespace ipc {
namespace {

// Watches a task seen blocked through the observation window: it must stay
// asleep in the same syscall, not woken since `seen`, its process not ended
// (its pidfd becomes readable then; without pidfd_open it is sampled only).
// held: so through the window and still so at its end.
struct BlockedWatch {
    WindowWatch window;
    bool held;
};
BlockedWatch watch_blocked(pid_t tid, const TaskSnapshot& seen) {
    Fd pidfd(open_pidfd(tid));
    auto window = holds_for_window([&] { return still_blocked(tid, seen); }, pidfd.get());
    return {window, window.held && still_blocked(tid, seen)};
}

// A task seen asleep in one of the syscalls (with the state alone: asleep).
bool asleep_in_any(const TaskSnapshot& s, std::initializer_list<long> any_of) {
    return std::any_of(any_of.begin(), any_of.end(), [&](long nr) { return s.asleep_in(nr); });
}

}  // namespace

std::optional<TaskSnapshot> await_blocked_in(pid_t tid, std::initializer_list<long> any_of,
                                             std::chrono::milliseconds deadline) {
    auto until = std::chrono::steady_clock::now() + deadline;
    while (std::chrono::steady_clock::now() < until) {
        TaskSnapshot first = snapshot(tid);
        if (first.state == '?' && !read_text("/proc/self/stat"))
            skip("cannot observe blocking here: no /proc/PID/stat, /proc/PID/syscall or wchan");
        if (first.state == 'Z' || first.state == '?') return std::nullopt;  // gone: it will never block
        bool stays = false;
        if (asleep_in_any(first, any_of) && first.source == BlockingSource::ProcState) {
            // The state alone cannot tell one sleep from another: asleep for
            // the whole window, and not gone, counts.
            stays = watch_blocked(tid, first).held;
        } else if (asleep_in_any(first, any_of)) {
            ::poll(nullptr, 0, 1);  // poll interval between two readings of the kernel's state
            stays = still_blocked(tid, first);
        } else {
            ::poll(nullptr, 0, 1);
        }
        if (stays) {
            evidence("blocking_source", source_name(first.source));
            return snapshot(tid);
        }
    }
    return std::nullopt;
}

std::optional<TaskSnapshot> await_blocked_in(pid_t tid, long nr, std::chrono::milliseconds deadline) {
    return await_blocked_in(tid, {nr}, deadline);
}

TaskSnapshot require_blocked_in(pid_t tid, std::initializer_list<long> any_of, const std::string& prefix) {
    auto seen = await_blocked_in(tid, any_of);
    std::string names;
    for (long nr : any_of) names += (names.empty() ? "" : " or ") + syscall_name(nr);
    REQUIRE_MESSAGE(seen, prefix << ": never blocked in " << names << ": " << snapshot(tid).describe());
    record_blocked(prefix, *seen);
    return *seen;
}

TaskSnapshot require_blocked_in(pid_t tid, long nr, const std::string& prefix) {
    return require_blocked_in(tid, {nr}, prefix);
}

bool still_blocked(pid_t tid, const TaskSnapshot& seen) {
    TaskSnapshot now = snapshot(tid);
    return now.source == seen.source && now.asleep_in(seen.syscall) &&
           now.voluntary_switches == seen.voluntary_switches;
}

bool woke_since(pid_t tid, const TaskSnapshot& seen) {
    if (seen.source != BlockingSource::ProcState) return !still_blocked(tid, seen);
    return eventually([&] { return !still_blocked(tid, seen); });
}

void record_blocked(const std::string& prefix, const TaskSnapshot& seen) {
    evidence(prefix + ".source", source_name(seen.source));
    evidence(prefix + ".state", std::string(1, seen.state));
    evidence(prefix + ".syscall", seen.source == BlockingSource::ProcSyscall ? syscall_name(seen.syscall) : "unknown");
    evidence(prefix + ".wchan", seen.wchan);
    evidence(prefix + ".proc_syscall", seen.syscall_line);
}

}  // namespace ipc

namespace ipc {

std::chrono::milliseconds observation_window() {
    static const std::chrono::milliseconds window = [] {
        long ms = 300;
        if (const char* text = std::getenv("IPC_CLAIMS_WINDOW_MS")) {
            char* end = nullptr;
            long value = std::strtol(text, &end, 10);
            if (end != text && *end == '\0' && value > 0) ms = value;
        }
        evidence("observation_window_ms", ms);
        return std::chrono::milliseconds(ms);
    }();
    return window;
}

std::string WindowWatch::describe() const {
    return held ? "held for the whole window (" + std::to_string(after.count()) + " ms)"
                : "broke after " + std::to_string(after.count()) + " ms";
}

WindowWatch holds_for_window(const std::function<bool()>& holds, int wake_fd) {
    using std::chrono::steady_clock;
    constexpr auto sample_every = std::chrono::milliseconds(10);
    const auto window = observation_window();
    const auto start = steady_clock::now();
    const auto elapsed = [&] {
        return std::chrono::duration_cast<std::chrono::milliseconds>(steady_clock::now() - start);
    };
    for (;;) {
        if (!holds()) return {false, elapsed()};
        auto left = window - elapsed();
        if (left.count() <= 0) return {true, window};
        // Observation, not a sleep for synchronisation: the poll times out
        // when nothing happened, which is what the claim expects.
        pollfd wake{wake_fd, POLLIN, 0};
        int ready = ::poll(wake_fd >= 0 ? &wake : nullptr, wake_fd >= 0 ? 1 : 0,
                           static_cast<int>(std::min(left, sample_every).count()));
        if (ready > 0) return {false, elapsed()};
    }
}

void leave_alone_for_window(const std::string& what) {
    const auto window = observation_window();
    // Not synchronisation: no event is awaited. The window is the time the
    // object must survive untouched before the case looks at it again.
    const auto until = std::chrono::steady_clock::now() + window;
    for (auto left = window; left.count() > 0;
         left = std::chrono::duration_cast<std::chrono::milliseconds>(until - std::chrono::steady_clock::now()))
        ::poll(nullptr, 0, static_cast<int>(left.count()));  // again if a signal cut it short
    evidence(what + ".left_alone_ms", static_cast<long long>(window.count()));
}

bool stays_blocked(pid_t tid, const TaskSnapshot& seen, const std::string& prefix) {
    auto watch = watch_blocked(tid, seen);
    evidence(prefix + ".window", watch.window.describe());
    if (!watch.window.held) evidence(prefix + ".after_window", snapshot(tid).describe());
    return watch.held;
}

}  // namespace ipc
