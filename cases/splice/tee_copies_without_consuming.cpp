// SPLICE-09 (edge; tee(2) "tee() duplicates up to len bytes of data from
// the pipe referred to by the file descriptor fd_in to the pipe referred to
// by the file descriptor fd_out. It does not consume the data that is
// duplicated from fd_in"): tee copies a pipe's bytes into another pipe and
// leaves them all in the source, where a read still finds them.
#include <algorithm>

#include "splice_support.hpp"

CLAIM("SPLICE-09", "tee copies a pipe's bytes into another pipe without taking them from the source") {
    spl::require_calls(spl::uses_splice | spl::uses_tee);
    const long page = ipc::page_size();
    auto from = ipc::Pipe::make();
    auto to = ipc::Pipe::make();
    const long n = std::min(8 * page, std::min(from.capacity(), to.capacity()));
    ipc::evidence("bytes", n);
    const std::string bytes = spl::pattern(static_cast<std::size_t>(n));
    REQUIRE(ipc::write_all(from.w(), bytes));

    CHECK_EQ(spl::tee("tee.pages", from.r(), to.w(), n), spl::moved(n));
    CHECK_EQ(spl::unread(from.r(), "source.unread_after_tee"), n);
    CHECK(spl::reads_back(to.r(), bytes, "destination"));
    CHECK(spl::reads_back(from.r(), bytes, "source"));

    // A file's bytes spliced into a pipe, teed (SPLICE_F_NONBLOCK: they are
    // there), and the copy spliced out into another file.
    ipc::TempDir dir("splice");
    const std::string block = spl::pattern(1024, 7);
    auto in = spl::file_with(dir.file("in"), block, O_RDONLY);
    auto out = spl::file_with(dir.file("out"), "");
    CHECK_EQ(spl::splice("splice.file_to_source", in.get(), nullptr, from.w(), nullptr, 1024), spl::moved(1024));
    CHECK_EQ(spl::tee("tee.nonblock", from.r(), to.w(), 1024, SPLICE_F_NONBLOCK), spl::moved(1024));
    CHECK_EQ(spl::splice("splice.copy_to_file", to.r(), nullptr, out.get(), nullptr, 1024), spl::moved(1024));
    CHECK_EQ(ipc::pread_all(out.get()), block);
    CHECK(spl::reads_back(from.r(), block, "source.after_file_tee"));
}
