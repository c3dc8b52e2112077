// PIPE-01 (seed §1.1; pipe(2), pipe(7)): pipe() gives a read end fd[0] and a
// write end fd[1]; bytes written to fd[1] come out of fd[0] unchanged and in
// the order written (every byte value, writes of many sizes).
#include <algorithm>
#include <fcntl.h>

#include "pipe_support.hpp"

namespace {
std::string access_mode(int fd) {
    switch (ipc::must(::fcntl(fd, F_GETFL), "fcntl(F_GETFL)") & O_ACCMODE) {
        case O_RDONLY: return "O_RDONLY";
        case O_WRONLY: return "O_WRONLY";
        default: return "O_RDWR";
    }
}
}  // namespace

CLAIM("PIPE-01", "fd[0] is the read end, fd[1] the write end, and bytes come out in order") {
    int fd[2];
    REQUIRE(::pipe(fd) == 0);
    ipc::Fd read_end(fd[0]), write_end(fd[1]);
    ipc::evidence("fd0_access_mode", access_mode(fd[0]));
    ipc::evidence("fd1_access_mode", access_mode(fd[1]));
    CHECK_EQ(access_mode(fd[0]), "O_RDONLY");
    CHECK_EQ(access_mode(fd[1]), "O_WRONLY");

    // Every byte value 0..255, in writes of 1, 2, 3 ... bytes.
    std::string sent;
    for (int i = 0; i < 4 * 256; ++i) sent += static_cast<char>(i % 256 ^ i / 256);
    for (std::size_t at = 0, n = 1; at < sent.size(); at += n, ++n)
        REQUIRE(ipc::write_all(fd[1], std::string_view(sent).substr(at, n)));
    write_end.reset();

    auto got = support::read_all_within(fd[0]);
    REQUIRE(got.complete);
    ipc::evidence("bytes_written", static_cast<long>(sent.size()));
    ipc::evidence("bytes_read", static_cast<long>(got.data.size()));
    const bool same = got.data == sent;
    ipc::evidence("read_equals_written", same);
    if (!same) {
        auto at = std::mismatch(sent.begin(), sent.end(), got.data.begin(), got.data.end()).first - sent.begin();
        ipc::evidence("first_difference_at", static_cast<long>(at));
    }
    CHECK_EQ(got.data.size(), sent.size());
    CHECK_MESSAGE(same, "the bytes read differ from the bytes written");
}
