// The harness's own vocabulary: errno and wait statuses by name, blocking
// observed from /proc, and deadlines that hold.
#include <doctest/doctest.h>
#include <csignal>
#include <sys/syscall.h>
#include <unistd.h>

#include "ipc/blocking.hpp"
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
