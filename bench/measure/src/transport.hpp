// The mechanisms behind one interface. A Channel is made in the parent before
// the fork (it holds the kernel objects of both directions, and removes them);
// after the fork each process opens its Endpoint: messages of up to max_size
// bytes, sent from and received into the endpoint's own buffer, so that no
// mechanism pays for a copy the others do not make.
#pragma once
#include <cstddef>
#include <cstring>
#include <functional>
#include <memory>

#include "bench/measure.hpp"

namespace bench::detail {

enum class Side { Parent, Child };

class Endpoint {
public:
    virtual ~Endpoint() = default;
    // The message: send() sends its first n bytes, recv() fills them.
    virtual char* buffer() = 0;
    // One message of n bytes to the peer.
    virtual void send(std::size_t n) = 0;
    // One message of exactly n bytes from the peer (a stream is read until n
    // bytes arrived; a message of another size is an error).
    virtual void recv(std::size_t n) = 0;

    // For a sender whose bytes are already in its memory and a receiver that
    // reads them where they arrive (measure_delivery). send_from sends n bytes
    // from `data`: a descriptor writes them from there (the kernel copies them
    // in), the shm ring copies them into the segment; by default they are
    // copied into buffer() first. recv_with receives one message of n bytes
    // and hands it to `use` in pieces, in order, where the receiver can read
    // it: the shm ring in the segment itself (no copy; the room is given back
    // after `use`), the others in buffer(), once the kernel copied it there.
    using Use = std::function<void(const char* piece, std::size_t length)>;
    virtual void send_from(const char* data, std::size_t n) {
        std::memcpy(buffer(), data, n);
        send(n);
    }
    virtual void recv_with(std::size_t n, const Use& use) {
        recv(n);
        use(buffer(), n);
    }
};

class Channel {
public:
    virtual ~Channel() = default;
    // Called once in each process after the fork.
    virtual std::unique_ptr<Endpoint> open(Side side) = 0;
};

// The kernel objects of mechanism m for messages up to max_size bytes.
// Throws (std::exception) when they cannot be made.
std::unique_ptr<Channel> make_channel(Mechanism m, std::size_t max_size);

// What a blocking call does when a signal interrupted it: throws Interrupted
// when the run must stop (SIGINT, SIGTERM, the deadline) or the peer died,
// returns to retry otherwise. Set by the measurement (measure.cpp).
void on_interrupt();
// For the polling loops (shm-spin): throws like on_interrupt when the run must stop.
void check_stop();

// A buffer of n bytes, touched so that no page fault is timed.
struct Buffer {
    explicit Buffer(std::size_t n);
    ~Buffer();
    Buffer(const Buffer&) = delete;
    Buffer& operator=(const Buffer&) = delete;
    char* data;
    std::size_t size;
};

}  // namespace bench::detail
