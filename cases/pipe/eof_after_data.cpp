// PIPE-06 (seed §1.4(3); pipe(7) "I/O on pipes and FIFOs", read(2)): once
// every write end is closed, read() first returns the data still in the pipe,
// then 0 (end of file), at once and on every later call. FIFO-05 runs the
// same rule over a FIFO.
#include <algorithm>

#include "channel.hpp"
#include "pipe_support.hpp"

namespace rules {

// The data still held, in short reads (the rest staying for the next). Only
// reads that poll says will not block are made: a kernel that kept readers
// waiting after the last writer left fails here, without hanging.
static std::string read_what_is_left(const channel::Channel& ch) {
    std::string data;
    while (support::events_now(ch.r(), POLLIN) != 0) {
        auto part = ipc::read_some(ch.r(), 4);
        REQUIRE(part);
        if (part->empty()) break;
        data += *part;
    }
    return data;
}

// Three end-of-file reads, each returning at once: timed, the slowest must be
// well within the observation window (a read that sleeps first is not "at once").
static void eof_again_and_at_once(const channel::Run& run, const channel::Channel& ch) {
    int eof_reads = 0;
    std::chrono::steady_clock::duration slowest{};
    for (int i = 0; i < 3; ++i) {
        REQUIRE_MESSAGE(support::events_now(ch.r(), POLLIN) != 0, "read " << i << " after the data would block");
        const auto start = std::chrono::steady_clock::now();
        auto part = ipc::read_some(ch.r(), 16);
        slowest = std::max(slowest, std::chrono::steady_clock::now() - start);
        REQUIRE(part);
        if (part->empty()) ++eof_reads;
    }
    const auto slowest_ms = std::chrono::duration_cast<std::chrono::milliseconds>(slowest);
    run.evidence("zero_returning_reads", eof_reads);
    run.evidence("slowest_eof_read_ms", static_cast<long>(slowest_ms.count()));
    CHECK_EQ(eof_reads, 3);
    CHECK_MESSAGE(slowest_ms < ipc::observation_window(), "an end-of-file read took " << slowest_ms.count() << " ms");
}

// Once every write end is closed, read() returns the data still held, then 0,
// at once and again.
static void eof_after_data(const channel::Run& run) {
    auto ch = run.open();
    run.evidence("channel", run.kind.name);
    REQUIRE(ipc::write_all(ch.w(), "first,"));
    REQUIRE(ipc::write_all(ch.w(), "second"));
    ch.write_end.reset();

    const std::string data = read_what_is_left(ch);
    run.evidence("data_read_after_close", data);
    CHECK_EQ(data, "first,second");
    eof_again_and_at_once(run, ch);
}

}  // namespace rules

PIPE_RULE_CLAIM("PIPE-06", "after the writers close, read() returns the rest of the data, then 0 repeatedly") {
    rules::eof_after_data({channel::pipe, ""});
}
