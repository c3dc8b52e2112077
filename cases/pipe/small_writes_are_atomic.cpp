// PIPE-14 (seed §1.5(3); pipe(7) "PIPE_BUF"): a write of at most PIPE_BUF
// bytes is atomic: concurrent writers' records never interleave, even when
// they contend for a full pipe. PIPE_BUF is read with fpathconf. FIFO-05 runs
// the same rule over a FIFO.
#include <climits>
#include <cstdint>
#include <cstring>
#include <vector>

#include "channel.hpp"
#include "pipe_support.hpp"

namespace rules {
namespace atomic {

// A record: a 16-byte header (magic, writer, sequence number, length) and a
// payload whose every byte depends on writer, sequence and position, so a
// record cut by another's bytes, shifted or partly lost cannot pass.
struct Header {
    std::uint32_t magic, writer, seq, length;
};
static constexpr std::uint32_t magic = 0x52454331;  // "REC1"

static unsigned char payload_byte(std::uint32_t writer, std::uint32_t seq, std::size_t i) {
    return static_cast<unsigned char>((writer * 151u + seq * 31u + i) % 251u);
}

// Every other record is PIPE_BUF bytes; the ones between have sizes spread
// over [header, PIPE_BUF], so full-size records start at every offset within
// a page (a kernel that split writes at page or room boundaries shows).
static std::size_t record_length(std::uint32_t writer, std::uint32_t seq, std::size_t pipe_buf) {
    if (seq % 2 == 0) return pipe_buf;
    std::uint32_t h = (writer + 1) * 2654435761u ^ seq * 2246822519u;
    return sizeof(Header) + h % (pipe_buf - sizeof(Header) + 1);
}

static void make_record(char* out, std::uint32_t writer, std::uint32_t seq, std::size_t length) {
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
static Verdict verify(const std::string& stream, int writers, std::size_t pipe_buf) {
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
        if (h.writer >= static_cast<std::uint32_t>(writers))
            return bad("header names writer " + std::to_string(h.writer));
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

// What a writer tells the case once done.
struct WriterTally {
    int short_writes;
    long long voluntary_switches;  // how often it slept: on the full pipe or its lock; -1 unknown (gVisor)
};

constexpr int writers = 4;
constexpr std::uint32_t records = 600;  // a splitting kernel shows within the first hundred

// The writers, each waiting at the gate (end of file on it), then writing
// its records with one write(2) apiece.
static std::vector<ipc::ReportingChild> start_writers(channel::Channel& ch, ipc::Pipe& gate, std::size_t pipe_buf) {
    std::vector<ipc::ReportingChild> children;
    children.reserve(writers);
    for (std::uint32_t w = 0; w < writers; ++w) {
        children.push_back(ipc::ReportingChild::fork([&, w](WriterTally& tally) {
            ch.read_end.reset();
            gate.write_end.reset();
            char c;
            (void)!::read(gate.r(), &c, 1);  // end of file: the gate opened
            std::string buf(pipe_buf, '\0');
            for (std::uint32_t s = 0; s < records; ++s) {
                auto len = record_length(w, s, pipe_buf);
                make_record(buf.data(), w, s, len);
                if (::write(ch.w(), buf.data(), len) != static_cast<ssize_t>(len)) ++tally.short_writes;
            }
            tally.voluntary_switches = ipc::snapshot(::getpid()).voluntary_switches;
            return 0;
        }));
    }
    return children;
}

// Waits for every writer and records how often they slept and wrote short.
static int collect_tallies(const channel::Run& run, std::vector<ipc::ReportingChild>& children) {
    long long switches = 0;
    bool switches_known = true;
    int short_writes = 0;
    for (std::size_t w = 0; w < children.size(); ++w) {
        auto done = children[w].finish();
        CHECK_MESSAGE(done.status.exited_with(0), "writer " << w << ": " << done.status.describe());
        auto t = done.as<WriterTally>();
        REQUIRE(t);
        short_writes += t->short_writes;
        switches += t->voluntary_switches;
        switches_known = switches_known && t->voluntary_switches >= 0;
    }
    if (switches_known) run.evidence("writer_sleeps", switches);  // > 0: they contended for a full channel
    else run.evidence("writer_sleeps", "unknown: no voluntary_ctxt_switches in /proc/PID/status");
    run.evidence("short_writes", short_writes);
    return short_writes;
}

}  // namespace atomic

// Several writers, started together, each write many records of at most
// PIPE_BUF bytes with one write(2) apiece into one channel; the reader finds
// every record whole and each writer's records in order.
static void small_writes_are_atomic(const channel::Run& run) {
    using namespace atomic;
    auto ch = run.open();
    const auto pipe_buf =
        static_cast<std::size_t>(ipc::must(::fpathconf(ch.w(), _PC_PIPE_BUF), "fpathconf(_PC_PIPE_BUF)"));
    run.evidence("channel", run.kind.name);
    run.evidence("PIPE_BUF", static_cast<long>(pipe_buf));
    run.evidence("F_GETPIPE_SZ", ch.capacity());
    run.evidence("writers", writers);
    run.evidence("records_per_writer", static_cast<long>(records));
    REQUIRE(pipe_buf > sizeof(Header));
    // The limit the records test is the kernel's (PIPE_BUF, 4096 on Linux),
    // not a smaller one a layer might report to keep its own writes whole.
    CHECK_EQ(pipe_buf, static_cast<std::size_t>(PIPE_BUF));
    long long expected_bytes = 0;
    for (std::uint32_t w = 0; w < writers; ++w)
        for (std::uint32_t s = 0; s < records; ++s)
            expected_bytes += static_cast<long long>(record_length(w, s, pipe_buf));

    auto gate = ipc::Pipe::make(O_CLOEXEC);
    auto children = start_writers(ch, gate, pipe_buf);
    ch.write_end.reset();
    gate.write_end.reset();  // all writers start at once

    auto stream = support::read_all_within(ch.r());
    REQUIRE_MESSAGE(stream.complete, "the writers did not finish within the deadline");
    run.evidence("bytes_read", static_cast<long long>(stream.data.size()));
    const int short_writes = collect_tallies(run, children);

    auto v = verify(stream.data, writers, pipe_buf);
    run.evidence("whole_records", v.whole);
    if (v.bad_at >= 0) run.evidence("first_bad_record", "at byte " + std::to_string(v.bad_at) + ": " + v.why);
    CHECK_MESSAGE(v.bad_at < 0, "record at byte " << v.bad_at << ": " << v.why);
    CHECK_EQ(short_writes, 0);
    CHECK_EQ(v.whole, static_cast<long>(writers) * records);
    CHECK_EQ(static_cast<long long>(stream.data.size()), expected_bytes);
}

}  // namespace rules

PIPE_RULE_CLAIM("PIPE-14", "writes of at most PIPE_BUF bytes from concurrent writers never interleave") {
    rules::small_writes_are_atomic({channel::pipe, ""});
}
