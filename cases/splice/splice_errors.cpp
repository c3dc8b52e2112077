// SPLICE-07 (edge; splice(2) ERRORS: "EBADF One or both file descriptors
// are not valid, or do not have proper read-write mode"; "EINVAL The target
// file is opened in append mode"; "EINVAL Neither of the file descriptors
// refers to a pipe"; "EINVAL fd_in and fd_out refer to the same pipe";
// "ESPIPE Either off_in or off_out was not NULL, but the corresponding file
// descriptor refers to a pipe"; "EINVAL ... offset is negative", and an
// offset whose end passes the largest file offset): splice fails with these
// errors for these causes, moving nothing.
#include "splice_support.hpp"

CLAIM("SPLICE-07", "splice fails with EBADF, EINVAL or ESPIPE for each documented cause") {
    spl::require_calls(spl::uses_splice);
    ipc::TempDir dir("splice");
    const long page = ipc::page_size();
    auto p = ipc::Pipe::make();
    auto other = ipc::Pipe::make();
    REQUIRE(ipc::write_all(p.w(), spl::pattern(static_cast<std::size_t>(page))));
    auto in_file = spl::file_with(dir.file("in"), "abcdefghijklmnopqrstuvwxyz", O_RDONLY);
    auto out_file = spl::file_with(dir.file("out"), "", O_WRONLY);
    auto write_only = spl::file_with(dir.file("write_only"), "abcdefghijklmnopqrstuvwxyz", O_WRONLY);
    auto append = spl::file_with(dir.file("append"), "", O_RDWR | O_APPEND);
    auto target = spl::file_with(dir.file("target"), "");
    const auto ebadf = ipc::SyscallResult::failure(EBADF);
    const auto einval = ipc::SyscallResult::failure(EINVAL);
    const auto espipe = ipc::SyscallResult::failure(ESPIPE);
    loff_t zero = 0, zero2 = 0;

    CHECK_EQ(spl::splice("EBADF.fd_in_not_open", -1, nullptr, p.w(), nullptr, 10), ebadf);
    CHECK_EQ(spl::splice("EBADF.fd_out_not_open", p.r(), nullptr, -1, nullptr, 10), ebadf);
    CHECK_EQ(spl::splice("EBADF.fd_in_write_only", write_only.get(), nullptr, p.w(), nullptr, 10), ebadf);
    CHECK_EQ(spl::splice("EBADF.fd_out_read_only", p.r(), nullptr, in_file.get(), nullptr, 10), ebadf);

    CHECK_EQ(spl::splice("EINVAL.append_target", p.r(), nullptr, append.get(), nullptr, 10), einval);
    CHECK_EQ(spl::splice("EINVAL.no_pipe", in_file.get(), nullptr, out_file.get(), nullptr, 1), einval);
    CHECK_EQ(spl::splice("EINVAL.no_pipe.off_in", in_file.get(), &zero, out_file.get(), nullptr, 1), einval);
    CHECK_EQ(spl::splice("EINVAL.no_pipe.off_out", in_file.get(), nullptr, out_file.get(), &zero, 1), einval);
    CHECK_EQ(spl::splice("EINVAL.no_pipe.both_offsets", in_file.get(), &zero, out_file.get(), &zero2, 1), einval);
    CHECK_EQ(spl::splice("EINVAL.same_pipe", p.r(), nullptr, p.w(), nullptr, page), einval);
    loff_t negative = -1;
    CHECK_EQ(spl::splice("EINVAL.negative_off_out", p.r(), nullptr, target.get(), &negative, 2), einval);
    loff_t near_max = 0x7ffffffffffffffeLL;
    CHECK_EQ(spl::splice("EINVAL.off_out_plus_len_overflows", p.r(), nullptr, target.get(), &near_max, 3), einval);

    CHECK_EQ(spl::splice("ESPIPE.off_in_on_pipe", p.r(), &zero, out_file.get(), nullptr, 10), espipe);
    CHECK_EQ(spl::splice("ESPIPE.off_out_on_pipe", in_file.get(), nullptr, p.w(), &zero, 10), espipe);
    CHECK_EQ(spl::splice("ESPIPE.pipes.off_out", p.r(), nullptr, other.w(), &zero, 1), espipe);
    CHECK_EQ(spl::splice("ESPIPE.pipes.off_in", p.r(), &zero, other.w(), nullptr, 1), espipe);
    CHECK_EQ(spl::splice("ESPIPE.pipes.both_offsets", p.r(), &zero, other.w(), &zero2, 1), espipe);

    CHECK_EQ(spl::unread(p.r(), "pipe.unread_after_refusals"), page);
    CHECK_EQ(ipc::pread_all(target.get()), "");
}
