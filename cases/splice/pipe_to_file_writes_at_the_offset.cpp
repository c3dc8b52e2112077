// SPLICE-02 (edge; splice(2) "splice() moves data between two file
// descriptors ... where one of the file descriptors must refer to a pipe";
// off_out "is treated analogously" to off_in; "A return value of 0 means end
// of input"): splice from a pipe into a file writes the pipe's bytes at the
// file offset (advancing it) or at *off_out (the file offset unchanged, a
// hole before it reading as zeros), taking them out of the pipe; a drained
// pipe without writers gives 0.
#include "splice_support.hpp"

CLAIM("SPLICE-02", "splice from a pipe into a file writes at the file offset or at *off_out, draining the pipe") {
    spl::require_calls(spl::uses_splice);
    ipc::TempDir dir("splice");
    const long page = ipc::page_size();
    const std::string bytes = spl::pattern(static_cast<std::size_t>(page));
    auto p = ipc::Pipe::make();
    REQUIRE(ipc::write_all(p.w(), bytes));

    auto out = spl::file_with(dir.file("out"), "");
    CHECK_EQ(spl::splice("splice.pipe_to_file", p.r(), nullptr, out.get(), nullptr, page), spl::moved(page));
    CHECK_EQ(spl::unread(p.r(), "pipe.unread_after_splice"), 0);
    ipc::evidence("file_offset.after_splice", spl::offset_of(out.get()));
    CHECK_EQ(spl::offset_of(out.get()), page);
    CHECK_EQ(ipc::pread_all(out.get()), bytes);

    // Three splices of 3 bytes each append in order.
    auto several = spl::file_with(dir.file("several"), "");
    REQUIRE(ipc::write_all(p.w(), "abcABC123"));
    for (int i = 1; i <= 3; ++i)
        CHECK_EQ(spl::splice("splice.3_bytes." + std::to_string(i), p.r(), nullptr, several.get(), nullptr, 3),
                 spl::moved(3));
    CHECK_EQ(ipc::pread_all(several.get()), "abcABC123");

    // At *off_out: half a page in, the file offset stays, the hole is zeros.
    auto at = spl::file_with(dir.file("at_offset"), "");
    REQUIRE(ipc::write_all(p.w(), bytes));
    loff_t to = page / 2;
    CHECK_EQ(spl::splice("splice.off_out_half_page", p.r(), nullptr, at.get(), &to, page), spl::moved(page));
    ipc::evidence("off_out.after_splice", static_cast<long long>(to));
    CHECK_EQ(to, page + page / 2);
    CHECK_EQ(spl::offset_of(at.get()), 0);
    CHECK_EQ(ipc::pread_all(at.get()), std::string(static_cast<std::size_t>(page / 2), '\0') + bytes);

    // Every writer gone and the pipe drained: end of input.
    p.write_end.reset();
    CHECK_EQ(spl::splice("splice.after_writers_closed", p.r(), nullptr, out.get(), nullptr, page), spl::moved(0));
}
