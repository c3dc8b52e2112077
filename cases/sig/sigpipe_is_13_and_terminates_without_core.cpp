// SIG-01 (seed §1.4; signal(7) "Standard signals", pipe(7)): SIGPIPE is
// signal 13 and its default action is "Term": the process ends without a
// core dump. The signal is the one the kernel itself raises for a write to a
// pipe with no reader; the child allows core dumps (RLIMIT_CORE raised, in a
// private directory) so that a "Core" action would show in the wait status.
#include <sys/resource.h>
#include <filesystem>

#include "ipc/case.hpp"
#include "ipc/signals.hpp"

CLAIM("SIG-01", "SIGPIPE is signal 13 and kills without a core dump") {
    ipc::TempDir dir;
    rlimit core{};
    ipc::must(::getrlimit(RLIMIT_CORE, &core), "getrlimit(RLIMIT_CORE)");
    ipc::evidence("RLIMIT_CORE.hard", core.rlim_max == RLIM_INFINITY ? "unlimited" : std::to_string(core.rlim_max));
    auto pattern = ipc::read_text("/proc/sys/kernel/core_pattern").value_or("?");
    ipc::evidence("core_pattern", pattern.substr(0, pattern.find('\n')));
    ipc::evidence("sigpipe_disposition_in_case", ipc::disposition(SIGPIPE));

    auto p = ipc::Pipe::make();
    p.read_end.reset();
    auto writer = ipc::Child::fork([&] {
        rlimit allow{core.rlim_max, core.rlim_max};  // a "Core" action may dump here
        if (::setrlimit(RLIMIT_CORE, &allow) < 0 || ::chdir(dir.path().c_str()) < 0) return 98;
        ::write(p.w(), "x", 1);
        return 0;  // reached only if the write did not kill
    });
    p.write_end.reset();
    auto status = writer.wait();

    ipc::evidence("writer_status", status.describe());
    ipc::evidence("wait_status_raw", status.raw());
    ipc::evidence("WTERMSIG", status.signal());
    ipc::evidence("core_flag", status.core_dumped());
    const auto files = std::distance(std::filesystem::directory_iterator(dir.path()), {});
    ipc::evidence("files_left_in_cwd_of_writer", files);
    if (status.exited_with(98)) ipc::broken("the writer could not raise RLIMIT_CORE or enter its directory");
    CHECK(status.killed());
    CHECK_EQ(status.signal(), 13);
    CHECK_EQ(SIGPIPE, 13);
    CHECK_FALSE(status.core_dumped());
    CHECK_EQ(files, 0);
}
