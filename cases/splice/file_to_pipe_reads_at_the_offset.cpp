// SPLICE-01 (edge; splice(2) "If fd_in refers to a file and off_in is NULL,
// then bytes are read from fd_in starting from the file offset, and the file
// offset is adjusted appropriately"; "If off_in is not NULL ... bytes are read
// from fd_in starting from this offset. The file offset of fd_in is not
// changed"; "A return value of 0 means end of input"): splice from a file
// into a pipe moves the file's bytes from its offset (advancing it) or from
// *off_in (advancing *off_in only), and returns 0 at end of file.
#include "splice_support.hpp"

CLAIM("SPLICE-01", "splice from a file into a pipe moves bytes from the file offset or from *off_in") {
    spl::require_calls(spl::uses_splice);
    ipc::TempDir dir("splice");
    const long page = ipc::page_size();
    ipc::evidence("page_size", page);
    const std::string content = spl::pattern(static_cast<std::size_t>(page));
    auto file = spl::file_with(dir.file("in"), content, O_RDONLY);
    auto p = ipc::Pipe::make();

    CHECK_EQ(spl::splice("splice.file_to_pipe", file.get(), nullptr, p.w(), nullptr, page), spl::moved(page));
    CHECK(spl::reads_back(p.r(), content, "pipe"));
    ipc::evidence("file_offset.after_splice", spl::offset_of(file.get()));
    CHECK_EQ(spl::offset_of(file.get()), page);
    CHECK_EQ(spl::splice("splice.at_end_of_file", file.get(), nullptr, p.w(), nullptr, 123), spl::moved(0));

    ipc::must(::lseek(file.get(), 0, SEEK_SET), "lseek");
    loff_t from = page / 2;
    CHECK_EQ(spl::splice("splice.off_in_half_page", file.get(), &from, p.w(), nullptr, page / 2), spl::moved(page / 2));
    ipc::evidence("off_in.after_splice", static_cast<long long>(from));
    CHECK_EQ(from, page);
    CHECK(spl::reads_back(p.r(), content.substr(static_cast<std::size_t>(page / 2)), "pipe.from_off_in"));
    ipc::evidence("file_offset.after_off_in_splice", spl::offset_of(file.get()));
    CHECK_EQ(spl::offset_of(file.get()), 0);

    auto empty = spl::file_with(dir.file("empty"), "", O_RDONLY);
    CHECK_EQ(spl::splice("splice.from_empty_file", empty.get(), nullptr, p.w(), nullptr, 123), spl::moved(0));
}
