// SPLICE-10 (edge; tee(2) ERRORS: "EINVAL fd_in or fd_out does not refer
// to a pipe; or fd_in and fd_out refer to the same pipe"; "EBADF" for a
// descriptor that is not open, as splice(2)): tee fails with EINVAL when
// either end is not a pipe or both are the same pipe, with EBADF for a
// descriptor that is not open, and copies nothing.
#include "splice_support.hpp"

CLAIM("SPLICE-10", "tee fails with EINVAL for a non-pipe end or the same pipe, EBADF for a closed one") {
    spl::require_calls(spl::uses_tee);
    ipc::TempDir dir("splice");
    const long page = ipc::page_size();
    auto p = ipc::Pipe::make();
    auto other = ipc::Pipe::make();
    REQUIRE(ipc::write_all(p.w(), "abcdefghijklmnopqrstuvwxyz"));
    auto file = spl::file_with(dir.file("file"), "");
    const auto einval = ipc::SyscallResult::failure(EINVAL);

    CHECK_EQ(spl::tee("EINVAL.fd_in_a_file", file.get(), other.w(), 10), einval);
    CHECK_EQ(spl::tee("EINVAL.fd_out_a_file", p.r(), file.get(), 10), einval);
    CHECK_EQ(spl::tee("EINVAL.same_pipe", p.r(), p.w(), page), einval);
    CHECK_EQ(spl::tee("EBADF.fd_in_not_open", -1, other.w(), 10), ipc::SyscallResult::failure(EBADF));
    CHECK_EQ(spl::tee("EBADF.fd_out_not_open", p.r(), -1, 10), ipc::SyscallResult::failure(EBADF));

    CHECK_EQ(spl::unread(p.r(), "pipe.unread_after_refusals"), 26);
    CHECK_EQ(spl::unread(other.r(), "other.unread_after_refusals"), 0);
    CHECK_EQ(ipc::pread_all(file.get()), "");
}
