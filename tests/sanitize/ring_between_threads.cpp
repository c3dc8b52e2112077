// The bench's shm ring (bench/measure/src/transports.cpp) with its two sides
// in two threads of one process instead of two processes, so that
// ThreadSanitizer sees both (preset tsan, run by scripts/sanitize): a race
// between the copy into the segment and the counters that publish it would be
// reported there. In any build it checks the same thing: messages go there
// and back intact and in order, smaller than a slice, across the ring's wrap,
// and larger than the whole ring, through the futex ring and the spinning one.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <cstddef>
#include <exception>
#include <thread>

#include "transport.hpp"

namespace {

using bench::Mechanism;
using bench::detail::Endpoint;
using bench::detail::Side;

// Byte k of message i: differs between neighbouring bytes and messages.
char byte_of(std::size_t message, std::size_t k) { return static_cast<char>((k * 2654435761u + message * 97u) >> 5); }

void fill(char* to, std::size_t message, std::size_t n) {
    for (std::size_t k = 0; k < n; ++k) to[k] = byte_of(message, k);
}

// Bytes of `piece`, at offset `at` of message `message`, that are not what was sent.
std::size_t wrong_bytes(const char* piece, std::size_t message, std::size_t at, std::size_t length) {
    std::size_t wrong = 0;
    for (std::size_t k = 0; k < length; ++k) wrong += piece[k] != byte_of(message, at + k);
    return wrong;
}

struct Exchange {
    std::size_t wrong_at_parent = 0;  // bytes the parent received that the child did not send
    std::size_t wrong_at_child = 0;   // bytes of the echo that are not the child's
};

// The child's thread sends each message, the parent reads it in place in the
// segment (recv_with) and sends it back, the child reads the echo (recv).
Exchange exchange(Mechanism m, std::size_t size, std::size_t messages) {
    auto channel = bench::detail::make_channel(m, size);
    auto parent = channel->open(Side::Parent);
    auto child = channel->open(Side::Child);
    Exchange seen;
    std::exception_ptr child_failed;
    std::thread child_thread([&] {
        try {
            for (std::size_t i = 0; i < messages; ++i) {
                fill(child->buffer(), i, size);
                child->send(size);
                child->recv(size);
                seen.wrong_at_child += wrong_bytes(child->buffer(), i, 0, size);
            }
        } catch (...) {
            child_failed = std::current_exception();
        }
    });
    for (std::size_t i = 0; i < messages; ++i) {
        std::size_t at = 0;
        parent->recv_with(size, [&](const char* piece, std::size_t length) {
            seen.wrong_at_parent += wrong_bytes(piece, i, at, length);
            at += length;
        });
        fill(parent->buffer(), i, size);
        parent->send(size);
    }
    child_thread.join();
    if (child_failed) std::rethrow_exception(child_failed);
    return seen;
}

}  // namespace

TEST_CASE("the shm ring carries messages intact between two threads") {
    // A slice is a quarter of the 4 MiB ring: 3 MiB messages wrap it, 5 MiB
    // ones do not fit in it at all.
    for (Mechanism m : {Mechanism::ShmFutex, Mechanism::ShmSpin}) {
        for (std::size_t size : {std::size_t{1}, std::size_t{4093}, std::size_t{3} << 20, std::size_t{5} << 20}) {
            CAPTURE(bench::info(m).name);
            CAPTURE(size);
            const Exchange seen = exchange(m, size, 6);
            CHECK_EQ(seen.wrong_at_parent, 0);
            CHECK_EQ(seen.wrong_at_child, 0);
        }
    }
}
