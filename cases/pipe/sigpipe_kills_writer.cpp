// PIPE-08 (seed §1.4(4); pipe(7), signal(7)): writing to a pipe whose read
// ends are all closed kills the writer with SIGPIPE, whose default action
// terminates without a core dump. The case relies on the default disposition
// that the runner guarantees; it records the one it found.
#include <csignal>

#include "ipc/case.hpp"

CLAIM("PIPE-08", "a writer with no reader left dies of SIGPIPE, without a core dump") {
    struct sigaction current {};
    ::sigaction(SIGPIPE, nullptr, &current);
    ipc::evidence("sigpipe_disposition", current.sa_handler == SIG_DFL   ? "default"
                                         : current.sa_handler == SIG_IGN ? "ignored"
                                                                         : "caught");
    auto p = ipc::Pipe::make();
    p.read_end.reset();

    auto writer = ipc::Child::fork([&] {
        ::write(p.w(), "x", 1);
        return 0;  // reached only if the write did not kill
    });
    auto status = writer.wait();
    ipc::evidence("writer_status", status.describe());
    ipc::evidence("wait_status_raw", status.raw());
    CHECK(status.killed_by(SIGPIPE));
    CHECK_FALSE(status.core_dumped());
}
