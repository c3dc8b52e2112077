// PIPE-17 (edge; pipe(2) O_DIRECT, Linux >= 3.4): in packet mode each write
// is one packet, a read returns at most one packet, a read shorter than the
// packet discards the rest of it, and writes larger than PIPE_BUF are split
// into PIPE_BUF-sized packets.
#include "pipe_support.hpp"

CLAIM("PIPE-17", "pipe2(O_DIRECT): one write is one packet, a short read discards the rest") {
    int fds[2];
    if (::pipe2(fds, O_DIRECT | O_NONBLOCK) != 0)
        ipc::skip("pipe2(O_DIRECT) failed with " + ipc::errno_name(errno) +
                  ": no packet mode here (Linux before 3.4, gVisor)");
    ipc::Fd read_end(fds[0]), write_end(fds[1]);
    const int r = fds[0], w = fds[1];

    REQUIRE(ipc::write_all(w, "one"));
    REQUIRE(ipc::write_all(w, "two!!"));
    auto first = ipc::read_some(r, 64);
    REQUIRE(first);
    ipc::evidence("read_64_after_writes_one_twoo", *first);
    CHECK_EQ(*first, "one");

    auto shortened = ipc::read_some(r, 2);
    REQUIRE(shortened);
    ipc::evidence("read_2_of_packet_two!!", *shortened);
    CHECK_EQ(*shortened, "tw");
    auto after = ipc::capture([&] {
        char buf[64];
        return ::read(r, buf, sizeof buf);
    });
    ipc::evidence("read_after_short_read", ipc::describe(after));
    CHECK_EQ(after, ipc::SyscallResult::failure(EAGAIN));  // "o!!" was discarded

    const long pipe_buf = ipc::must(::fpathconf(w, _PC_PIPE_BUF), "fpathconf(_PC_PIPE_BUF)");
    REQUIRE(ipc::write_all(w, std::string(static_cast<std::size_t>(pipe_buf + 10), 'x')));
    auto big1 = ipc::read_some(r, static_cast<std::size_t>(2 * pipe_buf));
    auto big2 = ipc::read_some(r, static_cast<std::size_t>(2 * pipe_buf));
    REQUIRE(big1);
    REQUIRE(big2);
    ipc::evidence("PIPE_BUF", pipe_buf);
    ipc::evidence("packets_of_a_PIPE_BUF_plus_10_write",
                  std::to_string(big1->size()) + " + " + std::to_string(big2->size()));
    CHECK_EQ(static_cast<long>(big1->size()), pipe_buf);
    CHECK_EQ(big2->size(), 10u);
}
