// PSHM-15 (edge; fcntl(2) F_SEAL_GROW: "the file in question cannot be
// increased in size. This affects ... write(2) beyond the end of the file";
// write(2): "the number of bytes written may be less than count"): under
// F_SEAL_GROW a write that reaches past the end of a memfd never grows it.
// The kernel writes a page at a time and refuses the first page whose bytes
// would reach past the end: a write that reaches past the end within its
// first page fails with EPERM and writes none of its bytes (while a write
// that stops at the end works); one that reaches past the end only in a later
// page returns the bytes of the pages before it, or fails with EPERM where
// the kernel writes in chunks larger than a page (tmpfs large folios), and
// writes nothing further.
#include <string>
#include <vector>

#include "pshm_support.hpp"

namespace {
// A sealable memfd of size bytes, zero-filled, with F_SEAL_GROW added.
ipc::Fd grow_sealed(off_t size) {
    auto fd = pshm::memfd(MFD_ALLOW_SEALING);
    ipc::must(::ftruncate(fd.get(), size), "ftruncate");
    ipc::must(::fcntl(fd.get(), F_ADD_SEALS, F_SEAL_GROW), "fcntl(F_ADD_SEALS, F_SEAL_GROW)");
    return fd;
}

// pwrite of length 'x' bytes at offset: the count, or -1 with errno.
ssize_t write_xs(int fd, std::size_t length, off_t offset) {
    const std::vector<char> xs(length, 'x');
    return ::pwrite(fd, xs.data(), length, offset);
}

// How many of fd's bytes in [from, to) are 'x'.
long long xs_between(int fd, off_t from, off_t to) {
    std::vector<char> bytes(static_cast<std::size_t>(to - from));
    const ssize_t got = ::pread(fd, bytes.data(), bytes.size(), from);
    ipc::must(got, "pread");
    long long count = 0;
    for (ssize_t i = 0; i < got; ++i) count += bytes[static_cast<std::size_t>(i)] == 'x';
    return count;
}
}  // namespace

CLAIM("PSHM-15",
      "under F_SEAL_GROW a write is cut before its first page reaching past the end (EPERM if that is its first)") {
    const off_t page = ipc::page_size();
    ipc::evidence("page_size", static_cast<long long>(page));

    // End at 3/4 page: a half page written from 1/2 page reaches past the end in its first page.
    auto same_page = grow_sealed(page * 3 / 4);
    CHECK_EQ(pshm::outcome("same_page.pwrite_across_end", write_xs(same_page.get(), page / 2, page / 2)), "EPERM");
    ipc::evidence("same_page.size_after", pshm::size_of(same_page.get()));
    CHECK_EQ(pshm::size_of(same_page.get()), page * 3 / 4);
    ipc::evidence("same_page.bytes_written", xs_between(same_page.get(), 0, page * 3 / 4));
    CHECK_EQ(xs_between(same_page.get(), 0, page * 3 / 4), 0);
    const ssize_t to_end = write_xs(same_page.get(), page / 4, page / 2);
    ipc::evidence("same_page.pwrite_to_end", static_cast<long long>(to_end));
    CHECK_EQ(to_end, page / 4);

    // End at 1 page: a page written from 3/4 page reaches past the end only in its second page.
    auto crossing = grow_sealed(page);
    const ssize_t cut = write_xs(crossing.get(), static_cast<std::size_t>(page), page * 3 / 4);
    const std::string cut_errno = cut < 0 ? ipc::errno_name(errno) : "";
    ipc::evidence("crossing.pwrite_page_from_three_quarters", cut < 0 ? "-1 (" + cut_errno + ")" : std::to_string(cut));
    if (cut < 0) CHECK_EQ(cut_errno, "EPERM");
    else CHECK_EQ(cut, page / 4);
    ipc::evidence("crossing.size_after", pshm::size_of(crossing.get()));
    CHECK_EQ(pshm::size_of(crossing.get()), page);
    ipc::evidence("crossing.bytes_written", xs_between(crossing.get(), 0, page));
    CHECK_EQ(xs_between(crossing.get(), 0, page), cut < 0 ? 0 : page / 4);
}
