// PSHM-14 (edge; memfd_create(2): "creates an anonymous file ... behaves like
// a regular file, and so can be modified, truncated, memory-mapped, and so
// on"; mmap(2) MAP_SHARED "Updates to the mapping are visible to other
// processes mapping the same region, and ... carried through to the
// underlying file"; dup(2) "refer to the same open file description"): a
// memfd reads back what was written to it; bytes stored through a shared
// mapping are what read(2) returns and what a second mapping shows; a
// descriptor dup'ed before the store reads the same bytes.
#include <algorithm>
#include <random>
#include <vector>

#include "pshm_support.hpp"

namespace {
// A page of random bytes, so that no earlier content can pass for them.
std::vector<char> random_page(std::size_t length) {
    std::vector<char> bytes(length);
    std::independent_bits_engine<std::mt19937, 8, unsigned> random(std::random_device{}());
    std::generate(bytes.begin(), bytes.end(), [&] { return static_cast<char>(random()); });
    return bytes;
}

// Reads length bytes of fd from offset 0; the count is recorded under key.
std::vector<char> read_from_start(const std::string& key, int fd, std::size_t length) {
    std::vector<char> bytes(length);
    const ssize_t got = ::pread(fd, bytes.data(), length, 0);
    ipc::evidence(key + ".bytes", static_cast<long long>(got));
    bytes.resize(got < 0 ? 0 : static_cast<std::size_t>(got));
    return bytes;
}

// How many bytes of got differ from the length bytes at want (all of them
// when got is short).
long long differing(const std::vector<char>& got, const char* want, std::size_t length) {
    if (got.size() != length) return static_cast<long long>(length);
    long long count = 0;
    for (std::size_t i = 0; i < length; ++i) count += got[i] != want[i];
    return count;
}
}  // namespace

CLAIM("PSHM-14", "a memfd reads back its writes; shared mappings, read(2) and a dup'ed descriptor see the same bytes") {
    const auto page = static_cast<std::size_t>(ipc::page_size());
    ipc::evidence("page_size", static_cast<long long>(page));

    auto written = pshm::memfd(0);
    const auto sent = random_page(page);
    const ssize_t wrote = ::write(written.get(), sent.data(), page);
    ipc::evidence("write.bytes", static_cast<long long>(wrote));
    CHECK_EQ(wrote, static_cast<ssize_t>(page));
    ipc::must(::lseek(written.get(), 0, SEEK_SET), "lseek");
    std::vector<char> back(page);
    const ssize_t got = ::read(written.get(), back.data(), page);
    ipc::evidence("read.bytes", static_cast<long long>(got));
    back.resize(got < 0 ? 0 : static_cast<std::size_t>(got));
    ipc::evidence("read.differing_bytes", differing(back, sent.data(), page));
    CHECK_EQ(differing(back, sent.data(), page), 0);

    auto mapped = pshm::memfd(0);
    ipc::must(::ftruncate(mapped.get(), static_cast<off_t>(page)), "ftruncate");
    auto first = pshm::Mapping::map(mapped.get(), page);
    ipc::Fd duplicate(static_cast<int>(ipc::must(::dup(mapped.get()), "dup")));
    const auto stored = random_page(page);
    std::copy(stored.begin(), stored.end(), first.bytes());

    const auto through_read = read_from_start("mapping.read", mapped.get(), page);
    ipc::evidence("mapping.read.differing_bytes", differing(through_read, stored.data(), page));
    CHECK_EQ(differing(through_read, stored.data(), page), 0);
    const auto through_dup = read_from_start("mapping.read_dup", duplicate.get(), page);
    ipc::evidence("mapping.read_dup.differing_bytes", differing(through_dup, stored.data(), page));
    CHECK_EQ(differing(through_dup, stored.data(), page), 0);
    auto second = pshm::Mapping::map(mapped.get(), page);
    const std::vector<char> seen(second.bytes(), second.bytes() + page);
    ipc::evidence("second_mapping.differing_bytes", differing(seen, stored.data(), page));
    CHECK_EQ(differing(seen, stored.data(), page), 0);
}
