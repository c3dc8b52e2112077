// SPLICE-12 (edge; vmsplice(2) ERRORS: "EBADF fd either not valid, or
// doesn't refer to a pipe"; "EINVAL nr_segs is greater than IOV_MAX"):
// vmsplice fails with EBADF for a descriptor that is not open or not a pipe,
// and with EINVAL for more than IOV_MAX segments (sysconf(_SC_IOV_MAX)),
// moving nothing.
#include <vector>

#include "splice_support.hpp"

CLAIM("SPLICE-12", "vmsplice fails with EBADF for a closed or non-pipe descriptor, EINVAL past IOV_MAX") {
    spl::require_calls(spl::uses_vmsplice);
    ipc::TempDir dir("splice");
    auto p = ipc::Pipe::make();
    auto file = spl::file_with(dir.file("file"), "", O_WRONLY);
    char bytes[128] = {'x'};
    iovec one{bytes, sizeof bytes};

    CHECK_EQ(spl::vmsplice("EBADF.not_open", -1, &one, 1), ipc::SyscallResult::failure(EBADF));
    CHECK_EQ(spl::vmsplice("EBADF.regular_file", file.get(), &one, 1), ipc::SyscallResult::failure(EBADF));

    const long iov_max = ::sysconf(_SC_IOV_MAX);
    ipc::evidence("IOV_MAX", iov_max);
    REQUIRE(iov_max > 0);
    std::vector<iovec> many(static_cast<std::size_t>(iov_max + 1), one);
    CHECK_EQ(spl::vmsplice("EINVAL.IOV_MAX_plus_1", p.w(), many.data(), many.size()),
             ipc::SyscallResult::failure(EINVAL));

    CHECK_EQ(spl::unread(p.r(), "pipe.unread_after_refusals"), 0);
    struct stat st {};
    ipc::must(::fstat(file.get(), &st), "fstat");
    ipc::evidence("file.size_after_refusals", static_cast<long long>(st.st_size));
    CHECK_EQ(st.st_size, 0);
}
