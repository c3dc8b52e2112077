// PIPE-01 (seed §1.1; pipe(2), pipe(7)): pipe() gives a read end fd[0] and a
// write end fd[1]; bytes written to fd[1] come out of fd[0] unchanged and in
// the order written (a page written at once comes back whole from one read of
// a page; every byte value, writes of many sizes; and a stream of
// several times the pipe's capacity, written by a child while the parent reads
// it in odd sizes, so that page and ring boundaries fall inside reads).
#include <algorithm>
#include <fcntl.h>

#include "pipe_support.hpp"

namespace {

// The byte at position i of the long stream: no period that divides a page.
char stream_byte(std::size_t i) { return static_cast<char>((i * 131 + i / 251) & 0xff); }

std::string access_mode(int fd) {
    switch (ipc::must(::fcntl(fd, F_GETFL), "fcntl(F_GETFL)") & O_ACCMODE) {
        case O_RDONLY: return "O_RDONLY";
        case O_WRONLY: return "O_WRONLY";
        default: return "O_RDWR";
    }
}
// A writer of `total` stream bytes, in chunks of changing sizes.
ipc::Child start_stream_writer(ipc::Fd& read_end, int write_fd, std::size_t total) {
    return ipc::Child::fork([&read_end, write_fd, total] {
        read_end.reset();
        std::string chunk;
        for (std::size_t at = 0, n = 1000; at < total; at += n, n = n % 9000 + 1777) {
            n = std::min(n, total - at);
            chunk.resize(n);
            for (std::size_t k = 0; k < n; ++k) chunk[k] = stream_byte(at + k);
            if (!ipc::write_all(write_fd, chunk)) return 1;
        }
        return 0;
    });
}

// Reads of odd sizes (1, 7, 4093, 4099, 65537 ... bytes) until `total`
// bytes came or the deadline, each compared byte by byte with what the
// writer wrote there. Records the bytes, the reads and the first difference.
struct StreamRead {
    std::size_t got = 0;
    long first_difference = -1;
};
StreamRead read_in_odd_sizes(int fd, std::size_t total) {
    const std::size_t sizes[] = {1, 7, 4093, 4099, 65537, 3, 8191, 12289};
    std::string buf(65537, '\0');
    StreamRead out;
    std::size_t reads = 0;
    const auto until = std::chrono::steady_clock::now() + ipc::default_deadline;
    while (out.got < total && std::chrono::steady_clock::now() < until) {
        pollfd p{fd, POLLIN, 0};
        if (::poll(&p, 1, 100) <= 0) continue;
        const ssize_t n = ::read(fd, buf.data(), sizes[reads++ % std::size(sizes)]);
        if (n < 0 && errno == EINTR) continue;
        REQUIRE_MESSAGE(n > 0, "read returned " << n << " after " << out.got << " of " << total << " bytes");
        for (ssize_t k = 0; k < n && out.first_difference < 0; ++k)
            if (buf[k] != stream_byte(out.got + k)) out.first_difference = static_cast<long>(out.got + k);
        out.got += static_cast<std::size_t>(n);
    }
    ipc::evidence("stream_bytes_read", static_cast<long>(out.got));
    ipc::evidence("reads", static_cast<long>(reads));
    ipc::evidence("stream_first_difference_at", out.first_difference);
    return out;
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

    // One page in one write comes back whole from one read of a page.
    std::string page(static_cast<std::size_t>(ipc::page_size()), '\0');
    for (std::size_t i = 0; i < page.size(); ++i) page[i] = stream_byte(i);
    REQUIRE(ipc::write_all(fd[1], page));
    std::string back(page.size(), '\0');
    auto one_read = ipc::capture([&] { return ::read(fd[0], back.data(), back.size()); });
    ipc::evidence("one_read_of_a_page_written_in_one_write", ipc::describe(one_read));
    CHECK_EQ(one_read, ipc::SyscallResult{static_cast<long>(page.size()), 0});
    CHECK_MESSAGE(back == page, "the page read differs from the page written");

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

CLAIM("PIPE-01", "a stream of several capacities comes out whole and in order, read in odd sizes") {
    int fd[2];
    REQUIRE(::pipe(fd) == 0);
    ipc::Fd read_end(fd[0]), write_end(fd[1]);
    const long capacity = ipc::must(::fcntl(fd[1], F_GETPIPE_SZ), "fcntl(F_GETPIPE_SZ)");
    const std::size_t total = 4 * static_cast<std::size_t>(capacity) + 12345;
    ipc::evidence("F_GETPIPE_SZ", capacity);
    ipc::evidence("stream_bytes", static_cast<long>(total));

    auto writer = start_stream_writer(read_end, fd[1], total);
    write_end.reset();
    const auto stream = read_in_odd_sizes(fd[0], total);
    auto status = writer.wait();
    REQUIRE_MESSAGE(status.exited_with(0), "writer " << status.describe());
    CHECK_EQ(stream.got, total);
    CHECK_MESSAGE(stream.first_difference < 0,
                  "the stream differs from what was written at byte " << stream.first_difference);
}
