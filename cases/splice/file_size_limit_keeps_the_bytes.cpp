// SPLICE-16 (edge; setrlimit(2) RLIMIT_FSIZE "Attempts to extend a file
// beyond this limit result in delivery of a SIGXFSZ signal ... If this signal
// is caught [or blocked], ... the system call fails with the error EFBIG";
// splice(2)): a splice from a pipe into a file already at the RLIMIT_FSIZE
// limit fails with EFBIG and leaves the bytes in the pipe.
#include <csignal>
#include <sys/resource.h>

#include "splice_support.hpp"

CLAIM("SPLICE-16", "splice into a file at its RLIMIT_FSIZE fails with EFBIG and leaves the pipe's bytes") {
    spl::require_calls(spl::uses_splice);
    ipc::TempDir dir("splice");
    const long page = ipc::page_size();
    const std::string bytes = spl::pattern(static_cast<std::size_t>(page));
    auto p = ipc::Pipe::make();
    REQUIRE(ipc::write_all(p.w(), bytes));
    auto out = spl::file_with(dir.file("out"), "");
    const long limit = 4 * page;
    ipc::evidence("RLIMIT_FSIZE", limit);
    ipc::must(::ftruncate(out.get(), limit), "ftruncate");
    ipc::must(::lseek(out.get(), 0, SEEK_END), "lseek");

    struct Outcome {
        long value;
        int err;
    };
    auto child = ipc::ReportingChild::fork([&](Outcome& o) {
        sigset_t xfsz;
        sigemptyset(&xfsz);
        sigaddset(&xfsz, SIGXFSZ);
        if (::sigprocmask(SIG_BLOCK, &xfsz, nullptr) != 0) return 99;
        rlimit lim{static_cast<rlim_t>(limit), static_cast<rlim_t>(limit)};
        if (::setrlimit(RLIMIT_FSIZE, &lim) != 0) return 99;
        errno = 0;
        o.value =
            static_cast<long>(::splice(p.r(), nullptr, out.get(), nullptr, static_cast<std::size_t>(3 * page), 0));
        o.err = errno;
        return 0;
    });
    auto result = child.finish();
    ipc::evidence("child.status", result.status.describe());
    REQUIRE(result.status.exited_with(0));
    auto outcome = result.as<Outcome>().value_or(Outcome{-2, 0});
    ipc::evidence("splice.past_limit", ipc::describe(ipc::SyscallResult{outcome.value, outcome.err}));
    CHECK_EQ((ipc::SyscallResult{outcome.value, outcome.err}), ipc::SyscallResult::failure(EFBIG));
    CHECK_EQ(spl::unread(p.r(), "pipe.unread_after_EFBIG"), page);
    CHECK(spl::reads_back(p.r(), bytes, "pipe"));
}
