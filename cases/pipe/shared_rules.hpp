// The rules pipes and FIFOs share (pipe(7), "I/O on pipes and FIFOs"), each
// one body over a channel::Run: registered for the anonymous pipe by its PIPE
// case and for a FIFO by FIFO-05. Bodies assert with doctest, so they run
// inside a CLAIM.
#pragma once
#include <algorithm>
#include <climits>
#include <csignal>
#include <cstdint>
#include <vector>

#include "channel.hpp"
#include "pipe_support.hpp"

namespace rules {

// ---- end of file (PIPE-06) ---------------------------------------------

// Once every write end is closed, read() returns the data still held (in
// short reads, the rest staying for the next), then 0, at once and again.
inline void eof_after_data(const channel::Run& run) {
    auto ch = run.open();
    run.evidence("channel", run.kind.name);
    REQUIRE(ipc::write_all(ch.w(), "first,"));
    REQUIRE(ipc::write_all(ch.w(), "second"));
    ch.write_end.reset();

    // Only reads that poll says will not block are made: a kernel that kept
    // readers waiting after the last writer left fails here, without hanging.
    auto readable_now = [&] { return support::events_now(ch.r(), POLLIN) != 0; };
    std::string data;
    while (readable_now()) {
        auto part = ipc::read_some(ch.r(), 4);
        REQUIRE(part);
        if (part->empty()) break;
        data += *part;
    }
    run.evidence("data_read_after_close", data);
    CHECK_EQ(data, "first,second");

    // Each end-of-file read returns at once: timed, the slowest must be well
    // within the observation window (a read that sleeps first is not "at once").
    int eof_reads = 0;
    std::chrono::steady_clock::duration slowest{};
    for (int i = 0; i < 3; ++i) {
        REQUIRE_MESSAGE(readable_now(), "read " << i << " after the data would block");
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
    CHECK_MESSAGE(slowest_ms < ipc::observation_window(),
                  "an end-of-file read took " << slowest_ms.count() << " ms");
}

// ---- SIGPIPE (PIPE-08) and EPIPE (PIPE-09) ------------------------------

// "default", "ignored" or "caught": the disposition this process runs with.
// The case relies on the default one (which the runner guarantees) and does
// not reset it, so that a careless parent's SIG_IGN shows as a failure.
inline std::string sigpipe_disposition() {
    struct sigaction current {};
    ::sigaction(SIGPIPE, nullptr, &current);
    return current.sa_handler == SIG_DFL ? "default" : current.sa_handler == SIG_IGN ? "ignored" : "caught";
}

// A write with every read end closed kills the writer with SIGPIPE, no core.
inline void sigpipe_kills_writer(const channel::Run& run) {
    run.evidence("channel", run.kind.name);
    run.evidence("sigpipe_disposition", sigpipe_disposition());
    auto ch = run.open();
    ch.read_end.reset();

    auto writer = ipc::Child::fork([&] {
        ::write(ch.w(), "x", 1);
        return 0;  // reached only if the write did not kill
    });
    auto status = writer.wait();
    run.evidence("writer_status", status.describe());
    run.evidence("wait_status_raw", status.raw());
    CHECK(status.killed_by(SIGPIPE));
    CHECK_FALSE(status.core_dumped());
}

namespace detail {
inline volatile sig_atomic_t sigpipe_handled = 0;
inline void count_sigpipe(int) { sigpipe_handled = sigpipe_handled + 1; }

struct EpipeReport {
    long result[2];
    int err[2];
    int handler_runs;
    int pending;  // SIGPIPE pending after the writes (blocked signals wait)
};
}  // namespace detail

// With SIGPIPE ignored, blocked or caught, writing with no reader fails with
// EPIPE; a handler runs once per failed write, a blocked signal stays pending.
inline void epipe_when_sigpipe_not_default(const channel::Run& run) {
    enum class How { ignored, blocked, caught };
    static const std::pair<How, const char*> variants[] = {
        {How::ignored, "ignored"}, {How::blocked, "blocked"}, {How::caught, "caught"}};
    run.evidence("channel", run.kind.name);

    for (auto [how, name] : variants) {
        INFO("SIGPIPE " << name);
        const std::string key = std::string("sigpipe_") + name + ".";
        auto ch = run.open();
        ch.read_end.reset();
        support::Report<detail::EpipeReport> report;

        auto writer = ipc::Child::fork([&, how = how] {
            if (how == How::ignored) ::signal(SIGPIPE, SIG_IGN);
            if (how == How::caught) {
                struct sigaction sa {};
                sa.sa_handler = detail::count_sigpipe;
                ::sigaction(SIGPIPE, &sa, nullptr);
            }
            if (how == How::blocked) {
                sigset_t set;
                sigemptyset(&set);
                sigaddset(&set, SIGPIPE);
                ::sigprocmask(SIG_BLOCK, &set, nullptr);
            }
            detail::EpipeReport r{};
            for (int i = 0; i < 2; ++i) {
                errno = 0;
                r.result[i] = ::write(ch.w(), "x", 1);
                r.err[i] = errno;
            }
            sigset_t pending;
            ::sigpending(&pending);
            r.pending = sigismember(&pending, SIGPIPE);
            r.handler_runs = detail::sigpipe_handled;
            report.send(r);
            return 0;
        });
        auto status = writer.wait();
        run.evidence(key + "writer_status", status.describe());
        REQUIRE_MESSAGE(status.exited_with(0), "the writer did not live to report: " << status.describe());
        auto r = report.receive();
        REQUIRE(r);
        for (int i = 0; i < 2; ++i) {
            ipc::SyscallResult write_result{r->result[i], r->err[i]};
            run.evidence(key + "write_" + std::to_string(i + 1), ipc::describe(write_result));
            CHECK_EQ(write_result, ipc::SyscallResult::failure(EPIPE));
        }
        run.evidence(key + "handler_runs", r->handler_runs);
        run.evidence(key + "sigpipe_pending_after", r->pending == 1);
        CHECK_EQ(r->handler_runs, how == How::caught ? 2 : 0);
        CHECK_EQ(r->pending, how == How::blocked ? 1 : 0);
    }
}

// ---- capacity (PIPE-11, PIPE-12) -----------------------------------------

// pipe(7): "the pipe capacity is 16 pages" (PIPE_DEF_BUFFERS in the kernel).
inline constexpr long default_pages = 16;

// F_GETPIPE_SZ reports 16 pages, and a non-blocking fill with 1-byte writes
// (which the kernel packs into pages) accepts exactly that much.
inline void capacity_filled_by_bytes(const channel::Run& run) {
    auto ch = run.open();
    const long page = ipc::page_size();
    const long size = ch.capacity();
    run.evidence("channel", run.kind.name);
    run.evidence("page_size", page);
    run.evidence("F_GETPIPE_SZ", size);
    run.evidence("predicted_16_pages", default_pages * page);
    // Past this many pages in all a user's new pipes get fewer slots:
    // recorded, as it would explain a smaller default (where it cannot be
    // read, as under gVisor, the reason is recorded: no check needs it).
    ipc::sysctl_if_readable("/proc/sys/fs/pipe-user-pages-soft");
    CHECK_EQ(size, default_pages * page);

    ipc::set_nonblocking(ch.w(), true);
    const auto filled = static_cast<long>(ipc::fill_until_eagain(ch.w(), 1));
    run.evidence("filled_with_1_byte_writes", filled);
    CHECK_EQ(filled, size);
    CHECK_EQ(support::unread_bytes(ch.r()), size);

    // The other size that wastes nothing: whole pages.
    auto fresh = run.open();
    ipc::set_nonblocking(fresh.w(), true);
    const auto by_pages = static_cast<long>(ipc::fill_until_eagain(fresh.w(), static_cast<std::size_t>(page)));
    run.evidence("filled_with_page_writes", by_pages);
    CHECK_EQ(by_pages, size);
}

// The write sizes PIPE-12 measures: the document's 13, and sizes around the
// page where packing matters most (two writes of page/2 + 1 never share one).
inline std::vector<long> packing_sizes(long page) {
    std::vector<long> sizes{13, 100, 1000, page / 2 + 1, page - 1, page};
    std::sort(sizes.begin(), sizes.end());
    sizes.erase(std::unique(sizes.begin(), sizes.end()), sizes.end());
    return sizes;
}

// A non-blocking fill with k-byte writes (k <= page) accepts
// slots x floor(page / k) x k bytes: each page buffer takes whole writes only.
inline void capacity_packs_small_writes(const channel::Run& run) {
    const long page = ipc::page_size();
    const long size = run.open().capacity();
    const long slots = size / page;
    run.evidence("channel", run.kind.name);
    run.evidence("page_size", page);
    run.evidence("F_GETPIPE_SZ", size);
    run.evidence("page_buffers", slots);

    int refuting_byte_count = 0;
    for (long k : packing_sizes(page)) {
        INFO("write size " << k);
        auto ch = run.open();
        ipc::set_nonblocking(ch.w(), true);
        const auto measured = static_cast<long>(ipc::fill_until_eagain(ch.w(), static_cast<std::size_t>(k)));
        const long packed = slots * (page / k) * k;  // whole writes per page, per buffer
        const long bytes_only = (size / k) * k;      // the document's model: bytes until 64 KiB
        run.evidence("write_size_" + std::to_string(k),
                     "measured " + std::to_string(measured) + ", page packing predicts " + std::to_string(packed) +
                         ", byte count predicts " + std::to_string(bytes_only));
        CHECK_EQ(measured, packed);
        refuting_byte_count += measured != bytes_only;
    }
    run.evidence("sizes_where_byte_count_is_wrong", refuting_byte_count);
}

// ---- atomicity (PIPE-14) --------------------------------------------------

namespace atomic {

// A record: a 16-byte header (magic, writer, sequence number, length) and a
// payload whose every byte depends on writer, sequence and position, so a
// record cut by another's bytes, shifted or partly lost cannot pass.
struct Header {
    std::uint32_t magic, writer, seq, length;
};
inline constexpr std::uint32_t magic = 0x52454331;  // "REC1"

inline unsigned char payload_byte(std::uint32_t writer, std::uint32_t seq, std::size_t i) {
    return static_cast<unsigned char>((writer * 151u + seq * 31u + i) % 251u);
}

// Every other record is PIPE_BUF bytes; the ones between have sizes spread
// over [header, PIPE_BUF], so full-size records start at every offset within
// a page (a kernel that split writes at page or room boundaries shows).
inline std::size_t record_length(std::uint32_t writer, std::uint32_t seq, std::size_t pipe_buf) {
    if (seq % 2 == 0) return pipe_buf;
    std::uint32_t h = (writer + 1) * 2654435761u ^ seq * 2246822519u;
    return sizeof(Header) + h % (pipe_buf - sizeof(Header) + 1);
}

inline void make_record(char* out, std::uint32_t writer, std::uint32_t seq, std::size_t length) {
    Header h{magic, writer, seq, static_cast<std::uint32_t>(length)};
    std::memcpy(out, &h, sizeof h);
    for (std::size_t i = sizeof h; i < length; ++i) out[i] = static_cast<char>(payload_byte(writer, seq, i));
}

// Reads the stream record by record: how many were whole and in each
// writer's order, and where and why the first bad one was.
struct Verdict {
    long whole = 0;
    long bad_at = -1;  // byte offset of the first bad record
    std::string why;
};
inline Verdict verify(const std::string& stream, int writers, std::size_t pipe_buf) {
    Verdict v;
    std::vector<std::uint32_t> next(static_cast<std::size_t>(writers), 0);
    std::size_t pos = 0;
    auto bad = [&](std::string why) {
        v.bad_at = static_cast<long>(pos);
        v.why = std::move(why);
        return v;
    };
    while (pos < stream.size()) {
        if (stream.size() - pos < sizeof(Header)) return bad("stream ends inside a header");
        Header h;
        std::memcpy(&h, stream.data() + pos, sizeof h);
        if (h.magic != magic) return bad("no record header here: another writer's bytes");
        if (h.writer >= static_cast<std::uint32_t>(writers)) return bad("header names writer " + std::to_string(h.writer));
        if (h.length < sizeof h || h.length > pipe_buf) return bad("header gives length " + std::to_string(h.length));
        if (h.seq != next[h.writer])
            return bad("writer " + std::to_string(h.writer) + " record " + std::to_string(h.seq) + " where " +
                       std::to_string(next[h.writer]) + " was due");
        if (stream.size() - pos < h.length) return bad("stream ends inside a record");
        for (std::size_t i = sizeof h; i < h.length; ++i)
            if (static_cast<unsigned char>(stream[pos + i]) != payload_byte(h.writer, h.seq, i))
                return bad("record of writer " + std::to_string(h.writer) + " #" + std::to_string(h.seq) +
                           " holds foreign bytes at +" + std::to_string(i));
        ++next[h.writer];
        ++v.whole;
        pos += h.length;
    }
    return v;
}

struct WriterTally {
    int short_writes;
    long long voluntary_switches;  // how often it slept: on the full pipe or its lock
};

// -1 where /proc/PID/status does not count them (gVisor).
inline long long own_voluntary_switches() { return ipc::snapshot(::getpid()).voluntary_switches; }

}  // namespace atomic

// Several writers, started together, each write many records of at most
// PIPE_BUF bytes with one write(2) apiece into one channel; the reader finds
// every record whole and each writer's records in order.
inline void small_writes_are_atomic(const channel::Run& run) {
    constexpr int writers = 4;
    constexpr std::uint32_t records = 600;  // a splitting kernel shows within the first hundred
    auto ch = run.open();
    const auto pipe_buf = static_cast<std::size_t>(ipc::must(::fpathconf(ch.w(), _PC_PIPE_BUF), "fpathconf(_PC_PIPE_BUF)"));
    run.evidence("channel", run.kind.name);
    run.evidence("PIPE_BUF", static_cast<long>(pipe_buf));
    run.evidence("F_GETPIPE_SZ", ch.capacity());
    run.evidence("writers", writers);
    run.evidence("records_per_writer", static_cast<long>(records));
    REQUIRE(pipe_buf > sizeof(atomic::Header));
    // The limit the records test is the kernel's (PIPE_BUF, 4096 on Linux),
    // not a smaller one a layer might report to keep its own writes whole.
    CHECK_EQ(pipe_buf, static_cast<std::size_t>(PIPE_BUF));

    auto gate = ipc::Pipe::make(O_CLOEXEC);
    std::vector<support::Report<atomic::WriterTally>> tallies(writers);
    std::vector<ipc::Child> children;
    children.reserve(writers);
    long long expected_bytes = 0;
    for (int w = 0; w < writers; ++w) {
        for (std::uint32_t s = 0; s < records; ++s)
            expected_bytes += static_cast<long long>(atomic::record_length(static_cast<std::uint32_t>(w), s, pipe_buf));
        children.push_back(ipc::Child::fork([&, w] {
            ch.read_end.reset();
            gate.write_end.reset();
            char c;
            (void)!::read(gate.r(), &c, 1);  // end of file: the gate opened
            std::string buf(pipe_buf, '\0');
            atomic::WriterTally tally{0, 0};
            for (std::uint32_t s = 0; s < records; ++s) {
                auto len = atomic::record_length(static_cast<std::uint32_t>(w), s, pipe_buf);
                atomic::make_record(buf.data(), static_cast<std::uint32_t>(w), s, len);
                if (::write(ch.w(), buf.data(), len) != static_cast<ssize_t>(len)) ++tally.short_writes;
            }
            tally.voluntary_switches = atomic::own_voluntary_switches();
            tallies[static_cast<std::size_t>(w)].send(tally);
            return 0;
        }));
    }
    ch.write_end.reset();
    gate.write_end.reset();  // all writers start at once

    auto stream = support::read_all_within(ch.r());
    REQUIRE_MESSAGE(stream.complete, "the writers did not finish within the deadline");
    run.evidence("bytes_read", static_cast<long long>(stream.data.size()));
    long long switches = 0;
    bool switches_known = true;
    int short_writes = 0;
    for (int w = 0; w < writers; ++w) {
        auto status = children[static_cast<std::size_t>(w)].wait();
        CHECK_MESSAGE(status.exited_with(0), "writer " << w << ": " << status.describe());
        auto t = tallies[static_cast<std::size_t>(w)].receive();
        REQUIRE(t);
        short_writes += t->short_writes;
        switches += t->voluntary_switches;
        switches_known = switches_known && t->voluntary_switches >= 0;
    }
    if (switches_known)
        run.evidence("writer_sleeps", switches);  // > 0: they contended for a full channel
    else
        run.evidence("writer_sleeps", "unknown: no voluntary_ctxt_switches in /proc/PID/status");
    run.evidence("short_writes", short_writes);

    auto v = atomic::verify(stream.data, writers, pipe_buf);
    run.evidence("whole_records", v.whole);
    if (v.bad_at >= 0) run.evidence("first_bad_record", "at byte " + std::to_string(v.bad_at) + ": " + v.why);
    CHECK_MESSAGE(v.bad_at < 0, "record at byte " << v.bad_at << ": " << v.why);
    CHECK_EQ(short_writes, 0);
    CHECK_EQ(v.whole, static_cast<long>(writers) * records);
    CHECK_EQ(static_cast<long long>(stream.data.size()), expected_bytes);
}

}  // namespace rules
