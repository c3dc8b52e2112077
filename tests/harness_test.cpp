// The harness's own vocabulary: errno and wait statuses by name, blocking
// observed from /proc, and deadlines that hold.
#include <doctest/doctest.h>
#include <csignal>
#include <sys/syscall.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sys/stat.h>
#include <sys/wait.h>

#include "ipc/blocking.hpp"
#include "ipc/io.hpp"
#include "ipc/outcome.hpp"
#include "ipc/own_namespace.hpp"
#include "ipc/procfs.hpp"
#include "ipc/sysctl.hpp"
#include "ipc/check.hpp"
#include "ipc/errno_name.hpp"
#include "ipc/error.hpp"
#include "ipc/pids_cgroup.hpp"
#include "ipc/pipe.hpp"
#include "ipc/process.hpp"
#include "ipc/reporting_child.hpp"
#include "ipc/signals.hpp"
#include "ipc/sysv.hpp"
#include "ipc/temp_dir.hpp"

TEST_CASE("errno values are named") {
    CHECK_EQ(ipc::errno_name(EAGAIN), "EAGAIN");
    CHECK_EQ(ipc::errno_name(0), "0");
    CHECK_EQ(ipc::describe(ipc::SyscallResult::failure(EBADF)), "-1 (EBADF)");
}

TEST_CASE("wait statuses say what happened") {
    CHECK_EQ(ipc::Child::fork([] { return 3; }).wait().describe(), "exited with code 3");
    auto killed = ipc::Child::fork([] {
                      ::raise(SIGTERM);
                      return 0;
                  }).wait();
    CHECK(killed.killed_by(SIGTERM));
    CHECK_EQ(killed.describe(), "killed by SIGTERM");
}

TEST_CASE("a task blocked in read() is seen in the kernel, and a task that exits is not") {
    auto p = ipc::Pipe::make();
    auto reader = ipc::Child::fork([&] {
        char c;
        return ::read(p.r(), &c, 1) == 1 ? 0 : 1;
    });
    auto seen = ipc::await_blocked_in(reader.pid(), SYS_read);
    REQUIRE(seen);
    CHECK_EQ(seen->state, 'S');
    CHECK(ipc::still_blocked(reader.pid(), *seen));
    CHECK_EQ(::write(p.w(), "x", 1), 1);
    CHECK(reader.wait().exited_with(0));

    auto quick = ipc::Child::fork([] { return 0; });
    CHECK_FALSE(ipc::await_blocked_in(quick.pid(), SYS_read, std::chrono::milliseconds(2000)));
}

TEST_CASE("a child past its deadline is killed, and the status says so") {
    auto sleeper = ipc::Child::fork([] {
        for (;;) ::pause();
        return 0;
    });
    CHECK_FALSE(sleeper.wait_for(std::chrono::milliseconds(50)));
    CHECK(sleeper.wait(std::chrono::milliseconds(50)).killed_by(SIGKILL));
}

TEST_CASE("a reaped child keeps its pid, marked reaped") {
    auto child = ipc::Child::fork([] { return 0; });
    const pid_t pid = child.pid();
    REQUIRE(pid > 1);
    CHECK(child.wait().exited_with(0));
    // Once -1, a kill(-child.pid(), ...) of a case meant kill(1, ...): the pid stays, marked reaped.
    CHECK_EQ(child.pid(), pid);
    CHECK(child.reaped());
    child.kill(SIGKILL);  // must not signal whatever now has that pid
    CHECK_THROWS_AS(child.wait(), ipc::Failure);
}

TEST_CASE("a pids cgroup whose owner was killed is emptied and removed; a live one is left alone") {
    ipc::PidsCgroup live(4);
    if (!live.active()) {
        MESSAGE("no pids cgroup here (it needs root and the pids controller): not checked");
        return;
    }
    // What a runner killed with SIGKILL leaves: an ipc-claims cgroup nobody holds, a process still in it.
    const std::filesystem::path orphan = std::filesystem::path(live.path()).parent_path() /
                                         ("ipc-claims-orphan-test-" + std::to_string(::getpid()));
    REQUIRE(::mkdir(orphan.c_str(), 0755) == 0);
    auto left_behind = ipc::Child::fork([] {
        for (;;) ::pause();
        return 0;
    });
    REQUIRE(ipc::write_text((orphan / "cgroup.procs").string(), std::to_string(left_behind.pid())));

    const int removed = ipc::remove_orphaned_cgroups(std::chrono::seconds(0));
    const auto status = left_behind.wait_for(std::chrono::seconds(10));
    const bool gone = !std::filesystem::exists(orphan);
    if (!status) (void)left_behind.wait(std::chrono::milliseconds(0));  // SIGKILLed here instead
    if (!gone) ::rmdir(orphan.c_str());
    CHECK_GE(removed, 1);
    CHECK_MESSAGE((status && status->killed_by(SIGKILL)), "the process left in the orphan was not killed");
    CHECK(gone);
    CHECK(std::filesystem::exists(live.path()));  // its owner holds its lock
}

TEST_CASE("a temporary directory nobody holds is removed; a live one is left alone") {
    const std::string prefix = "ipc-claims-orphan-test-" + std::to_string(::getpid());
    ipc::TempDir live(prefix);
    // What a runner killed with SIGKILL leaves: the directory, with what its case wrote, and no TempDir.
    std::string orphan = std::filesystem::path(live.path()).parent_path() / (prefix + ".XXXXXX");
    REQUIRE(::mkdtemp(orphan.data()));
    struct RemovedAtEnd {
        std::string path;
        ~RemovedAtEnd() {
            std::error_code ignored;
            std::filesystem::remove_all(path, ignored);
        }
    } removed_at_end{orphan};  // whatever the checks below find
    std::ofstream(orphan + "/left") << "what its case wrote";
    REQUIRE(std::filesystem::exists(orphan + "/left"));

    CHECK_EQ(ipc::remove_orphaned_temp_dirs(prefix, std::chrono::seconds(0)), 1);
    CHECK_FALSE(std::filesystem::exists(orphan));
    CHECK(std::filesystem::exists(live.path()));  // its TempDir holds its lock
    CHECK_EQ(ipc::remove_orphaned_temp_dirs(prefix, std::chrono::seconds(0)), 0);
}

TEST_CASE("skip, broken and must leave with 77 and 99 and say why, in a case and in a forked child") {
    auto exit_of = [](auto&& body) {
        std::fflush(nullptr);
        pid_t pid = ::fork();  // a plain fork: the case-process path (std::exit)
        if (pid == 0) body();
        int status = 0;
        ::waitpid(pid, &status, 0);
        return ipc::WaitStatus(status);
    };
    CHECK(exit_of([] { ipc::skip("no such feature"); }).exited_with(ipc::exit_skip));
    CHECK(exit_of([] { ipc::broken("fork failed"); }).exited_with(ipc::exit_broken));
    CHECK(exit_of([] {
              errno = EAGAIN;
              ipc::must(-1, "fork");
              ::_exit(0);
          }).exited_with(ipc::exit_broken));
    CHECK(exit_of([] {
              errno = ENOSYS;
              ipc::must(-1, "msgget");
              ::_exit(0);
          }).exited_with(ipc::exit_skip));
    CHECK_EQ(ipc::must(5, "never fails"), 5);

    auto in_child = ipc::Child::fork([] {
        ipc::skip("from a forked child");
        return 0;
    });
    CHECK(in_child.wait().exited_with(ipc::exit_skip));
}

TEST_CASE("harness/sys throws instead of exiting; the case layer turns what escapes into SKIP or BROKEN") {
    try {
        (void)ipc::MsgQueue::open(IPC_PRIVATE + 0x7fffabc1);  // no queue has that key
        FAIL("opening a missing queue did not throw");
    } catch (const ipc::SysError& e) {
        CHECK_EQ(e.err(), ENOENT);
        CHECK_EQ(std::string(e.what()), "msgget(existing key) failed: ENOENT");
    }
    auto exit_of_claim = [](void (*body)()) {
        std::fflush(nullptr);
        pid_t pid = ::fork();
        if (pid == 0) {
            ipc::run_claim(body);
            ::_exit(0);
        }
        int status = 0;
        ::waitpid(pid, &status, 0);
        return ipc::WaitStatus(status);
    };
    CHECK(exit_of_claim([] { throw ipc::SysError("semtimedop", ENOSYS); }).exited_with(ipc::exit_skip));
    CHECK(exit_of_claim([] { throw ipc::SysError("shmget(IPC_CREAT)", ENOSPC); }).exited_with(ipc::exit_broken));
    CHECK(exit_of_claim([] { throw ipc::Failure("no role named x"); }).exited_with(ipc::exit_broken));
    CHECK(exit_of_claim([] {}).exited_with(0));
}

TEST_CASE("a reporting child sends a key/value or a typed report with its status; one that dies first sends none") {
    auto text = ipc::ReportingChild::fork([](ipc::Report& r) {
        r["seen"] = "yes";
        return 4;
    });
    auto keyed = text.finish();
    CHECK(keyed.status.exited_with(4));
    CHECK_EQ(keyed.get("seen"), "yes");
    CHECK_EQ(keyed.get("absent"), "(not reported)");

    struct Seen {
        long value;
        int err;
    };
    auto typed = ipc::ReportingChild::fork([](Seen& r) {
                     r = {-1, EAGAIN};
                     return 0;
                 }).finish();
    REQUIRE(typed.as<Seen>());
    CHECK_EQ(typed.as<Seen>()->value, -1);
    CHECK_EQ(typed.as<Seen>()->err, EAGAIN);

    auto dies = ipc::ReportingChild::fork([](Seen&) {
                    ::raise(SIGKILL);
                    return 0;
                }).finish();
    CHECK(dies.status.killed_by(SIGKILL));
    CHECK_FALSE(dies.as<Seen>());
}

TEST_CASE("an IPC namespace of one's own has its own sysctls and objects") {
    const std::string mine = ipc::namespace_of(::getpid());
    REQUIRE_FALSE(mine.empty());
    auto report = ipc::Pipe::make();
    auto child = ipc::Child::fork([&] {
        auto mode = ipc::enter_own_ipc_namespace();
        if (!mode) return 2;
        if (!ipc::write_sysctl("/proc/sys/kernel/msgmni", 7)) return 3;
        std::string line = *mode + " " + ipc::namespace_of(::getpid()) + " " +
                           ipc::read_text("/proc/sys/kernel/msgmni").value_or("?");
        return ipc::write_all(report.w(), line) ? 0 : 4;
    });
    report.write_end.reset();
    auto status = child.wait();
    std::string seen = ipc::read_exactly(report.r(), 256);
    INFO(seen);
    REQUIRE(status.exited_with(0));
    CHECK(seen.find(mine) == std::string::npos);
    CHECK(seen.find(" 7") != std::string::npos);
    CHECK_NE(ipc::read_number("/proc/sys/kernel/msgmni").value_or(7), 7);  // ours never changed
}

// ---- signal masks and limits: sources in order, strongest first ----------

namespace {
// A Linux /proc/PID/status (abridged) and gVisor's, which has no signal lines.
const char* linux_status =
    "Name:\tcase\nState:\tS (sleeping)\nSigQ:\t2/63422\nSigPnd:\t0000000000000200\nShdPnd:\t0000000000000400\n"
    "SigBlk:\t0000000000000600\nSigIgn:\t0000000000001000\nSigCgt:\t0000000000000200\nCapInh:\t0000000000000000\n";
const char* gvisor_status =
    "Name:\tcase\nState:\tR (running)\nTgid:\t1\nPid:\t1\nThreads:\t1\nCapInh:\t0000003fffffdfff\nSeccomp:\t0\n";

// A directory standing for /proc, holding PID/status with the given text.
std::string fake_proc(const std::string& root, pid_t pid, const std::string& status) {
    const std::string dir = root + "/" + std::to_string(pid);
    ::mkdir(dir.c_str(), 0700);
    std::FILE* f = std::fopen((dir + "/status").c_str(), "w");
    std::fputs(status.c_str(), f);
    std::fclose(f);
    return root;
}

void sig_noop(int) {}
}  // namespace

TEST_CASE("signal masks: /proc/PID/status lines are parsed, a status without them is no source") {
    auto m = ipc::parse_status_masks(linux_status);
    REQUIRE(m);
    CHECK_EQ(m->source, "proc-status");
    CHECK(m->split_pending);
    CHECK(m->thread_pending_has(SIGUSR1));
    CHECK(m->shared_pending_has(SIGSEGV));
    CHECK_FALSE(m->shared_pending_has(SIGUSR1));
    CHECK(m->blocked_has(SIGUSR1));
    CHECK(m->blocked_has(SIGSEGV));
    CHECK(m->ignored_has(SIGPIPE));
    CHECK(m->caught_has(SIGUSR1));
    CHECK_EQ(m->queued, "2/63422");

    CHECK_FALSE(ipc::parse_status_masks(gvisor_status));
    // One line missing, or one that is not a mask, is no source either.
    std::string no_shdpnd = linux_status;
    no_shdpnd.erase(no_shdpnd.find("ShdPnd"), no_shdpnd.find("SigBlk") - no_shdpnd.find("ShdPnd"));
    CHECK_FALSE(ipc::parse_status_masks(no_shdpnd));
    std::string garbled = linux_status;
    garbled.replace(garbled.find("0000000000001000"), 16, "not-a-mask-here!");
    CHECK_FALSE(ipc::parse_status_masks(garbled));
}

TEST_CASE("signal masks: without /proc lines the caller falls back to the syscalls, another process has none") {
    char tmpl[] = "/tmp/ipc-claims-fakeproc-XXXXXX";
    REQUIRE(::mkdtemp(tmpl));
    const std::string root = tmpl;
    const pid_t self = ::getpid();
    fake_proc(root, self, gvisor_status);
    fake_proc(root, self + 1, gvisor_status);

    // /proc with the lines wins (the fake one says SIGUSR1 is caught, which it is not).
    const std::string linux_root = root + "/linux";
    ::mkdir(linux_root.c_str(), 0700);
    fake_proc(linux_root, self + 1, linux_status);
    auto from_proc = ipc::observe_signal_masks(self + 1, 0, linux_root);
    REQUIRE(from_proc.masks);
    CHECK_EQ(from_proc.masks->source, "proc-status");

    // The caller itself: the syscalls, with what this process really set.
    struct sigaction ignore {};
    struct sigaction old_pipe {};
    ignore.sa_handler = SIG_IGN;
    ::sigaction(SIGPIPE, &ignore, &old_pipe);
    struct sigaction handle {};
    struct sigaction old_usr2 {};
    handle.sa_handler = sig_noop;
    ::sigaction(SIGUSR2, &handle, &old_usr2);
    {
        ipc::BlockedSignals blocked{SIGUSR1};
        ::kill(self, SIGUSR1);
        auto seen = ipc::observe_signal_masks(self, 0, root);
        REQUIRE(seen.masks);
        CHECK_EQ(seen.masks->source, "syscalls");
        CHECK_FALSE(seen.masks->split_pending);
        CHECK(seen.masks->pending_has(SIGUSR1));
        CHECK(seen.masks->blocked_has(SIGUSR1));
        CHECK(seen.masks->ignored_has(SIGPIPE));
        CHECK(seen.masks->caught_has(SIGUSR2));
        CHECK_FALSE(seen.masks->caught_has(SIGPIPE));
        sigset_t take = ipc::signal_set({SIGUSR1});
        timespec now{0, 0};
        CHECK_EQ(::sigtimedwait(&take, nullptr, &now), SIGUSR1);  // leave nothing pending
    }
    ::sigaction(SIGPIPE, &old_pipe, nullptr);
    ::sigaction(SIGUSR2, &old_usr2, nullptr);

    // Another process (or another thread): no source, and the reason says so.
    for (auto [pid, tid] : {std::pair<pid_t, pid_t>{self + 1, 0}, {self, self + 1}}) {
        auto other = ipc::observe_signal_masks(pid, tid, root);
        CHECK_FALSE(other.masks);
        CHECK_NE(other.why_not.find(ipc::no_other_process_masks), std::string::npos);
    }
    std::filesystem::remove_all(root);
}

TEST_CASE("signal masks: asking the syscall masks for the thread/shared split is BROKEN, never a verdict") {
    CHECK_THROWS_AS((void)ipc::own_signal_masks().shared_pending_has(SIGUSR1), ipc::Failure);
    ipc::on_child_failure([](const std::exception& e) -> int { ipc::end_with(e); });  // as a case's main() does
    auto ask = ipc::Child::fork([] {
        (void)ipc::own_signal_masks().shared_pending_has(SIGUSR1);
        return 0;
    });
    CHECK(ask.wait().exited_with(ipc::exit_broken));
}

TEST_CASE("signal masks: a process's own report survives the trip, a malformed one is refused") {
    ipc::SignalMasks m;
    m.pending = ipc::signal_bit(SIGUSR1) | ipc::signal_bit(64);
    m.blocked = ~std::uint64_t{0} & ~ipc::signal_bit(SIGKILL);
    m.ignored = ipc::signal_bit(SIGPIPE);
    m.caught = ipc::signal_bit(SIGCHLD);
    m.split_pending = false;
    const std::string line = ipc::serialize(m);
    CHECK_EQ(line.size(), ipc::serialized_masks_size);
    auto back = ipc::deserialize(line);
    REQUIRE(back);
    CHECK_EQ(back->pending, m.pending);
    CHECK_EQ(back->blocked, m.blocked);
    CHECK_EQ(back->ignored, m.ignored);
    CHECK_EQ(back->caught, m.caught);
    CHECK_FALSE(back->split_pending);
    CHECK_EQ(back->source, "syscalls, reported by the process");
    CHECK_FALSE(ipc::deserialize(line.substr(1)));
    CHECK_FALSE(ipc::deserialize(std::string(ipc::serialized_masks_size, 'z')));
}

TEST_CASE("limits: an unreadable sysctl is no value and no verdict") {
    CHECK_FALSE(ipc::sysctl_if_readable("/proc/sys/fs/no-such-limit"));
    auto max = ipc::sysctl_if_readable("/proc/sys/fs/pipe-max-size");
    REQUIRE(max);
    CHECK_GE(*max, ipc::page_size());
}
