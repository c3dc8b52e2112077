// The harness's own vocabulary: errno and wait statuses by name, blocking
// observed from /proc, and deadlines that hold.
#include <doctest/doctest.h>
#include <csignal>
#include <sys/syscall.h>
#include <unistd.h>

#include <cstdio>
#include <sys/wait.h>

#include "ipc/blocking.hpp"
#include "ipc/io.hpp"
#include "ipc/outcome.hpp"
#include "ipc/own_namespace.hpp"
#include "ipc/procfs.hpp"
#include "ipc/check.hpp"
#include "ipc/errno_name.hpp"
#include "ipc/pipe.hpp"
#include "ipc/process.hpp"

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
