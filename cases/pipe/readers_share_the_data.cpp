// PIPE-37 (edge; pipe(7) "a pipe ... a unidirectional data channel"; read(2)
// takes the bytes it returns): several readers of one pipe share its data,
// each byte going to exactly one of them. 500 numbered 8-byte records are
// written in one write (4000 bytes, at most PIPE_BUF, so atomic) and the
// write end closed; 5 forked readers each read 100 records. Every reader gets
// its 100, and together they got each record exactly once.
#include <cstdint>
#include <cstring>
#include <vector>

#include "pipe_support.hpp"

namespace {

constexpr int readers = 5;
constexpr int share = 100;

struct Share {
    long bytes;
    std::uint64_t records[share];
};

}  // namespace

CLAIM("PIPE-37", "readers sharing a pipe each take bytes no other reader gets; together they get all, once") {
    auto p = ipc::Pipe::make();
    std::string data(readers * share * sizeof(std::uint64_t), '\0');
    for (std::uint64_t i = 0; i < readers * share; ++i) std::memcpy(&data[i * sizeof i], &i, sizeof i);
    REQUIRE(ipc::write_all(p.w(), data));
    p.write_end.reset();

    std::vector<ipc::ReportingChild> children;
    children.reserve(readers);
    for (int i = 0; i < readers; ++i)
        children.push_back(ipc::ReportingChild::fork([&p](Share& s) {
            const std::string got = ipc::read_exactly(p.r(), sizeof s.records);
            s.bytes = static_cast<long>(got.size());
            std::memcpy(s.records, got.data(), got.size());
            return 0;
        }));
    std::vector<int> seen(readers * share, 0);
    std::string per_reader;
    for (auto& child : children) {
        auto done = child.finish();
        REQUIRE(done.status.exited_with(0));
        auto s = done.as<Share>();
        REQUIRE(s);
        per_reader += (per_reader.empty() ? "" : ", ") + std::to_string(s->bytes);
        CHECK_EQ(s->bytes, static_cast<long>(sizeof s->records));
        for (long k = 0; k < s->bytes / static_cast<long>(sizeof(std::uint64_t)); ++k)
            if (s->records[k] < seen.size()) ++seen[s->records[k]];
    }
    long once = 0, twice_or_more = 0, never = 0;
    for (int n : seen) (n == 1 ? once : n == 0 ? never : twice_or_more)++;
    ipc::evidence("bytes_per_reader", per_reader);
    ipc::evidence("records_read_once", once);
    ipc::evidence("records_read_more_than_once", twice_or_more);
    ipc::evidence("records_never_read", never);
    CHECK_EQ(once, readers * share);
}
