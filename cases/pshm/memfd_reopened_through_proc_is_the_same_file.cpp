// PSHM-21 (edge; memfd_create(2): the memfd "behaves like a regular file";
// proc(5) /proc/pid/fd: "opening the file ... opens the same file" the
// descriptor refers to, for a process that passes the ptrace access mode
// check): a memfd opened again with O_RDWR through /proc/self/fd/N, or by a
// separately executed program (which inherited no descriptor of it) through
// /proc/PID/fd/N, is the same file: it reads the bytes written through the
// first descriptor, and bytes written through it are read through the first.
#include <algorithm>
#include <random>
#include <string>
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

// The length bytes of fd at offset at; the count read is recorded under key.
std::vector<char> read_at(const std::string& key, int fd, std::size_t length, off_t at) {
    std::vector<char> bytes(length);
    const ssize_t got = ::pread(fd, bytes.data(), length, at);
    ipc::evidence(key + ".bytes", static_cast<long long>(got));
    bytes.resize(got < 0 ? 0 : static_cast<std::size_t>(got));
    return bytes;
}

// How many of the length bytes of got differ from want (all when got is short).
long long differing(const std::vector<char>& got, const std::vector<char>& want) {
    if (got.size() != want.size()) return static_cast<long long>(want.size());
    long long count = 0;
    for (std::size_t i = 0; i < want.size(); ++i) count += got[i] != want[i];
    return count;
}
}  // namespace

// Opens args[0] (/proc/PID/fd/N of the case) read-write and copies the page at
// offset 0 to the page at offset 2 * page through its own descriptor.
IPC_ROLE("copier") {
    const auto page = static_cast<std::size_t>(ipc::page_size());
    const int fd = ::open(args.at(0).c_str(), O_RDWR);
    ipc::evidence("copier.open", ipc::outcome_of(fd));
    if (fd < 0) return 1;
    ipc::Fd opened(fd);
    const auto bytes = read_at("copier.read", opened.get(), page, 0);
    if (bytes.size() != page) return 1;
    const ssize_t wrote = ::pwrite(opened.get(), bytes.data(), page, static_cast<off_t>(2 * page));
    ipc::evidence("copier.pwrite.bytes", static_cast<long long>(wrote));
    return wrote == static_cast<ssize_t>(page) ? 0 : 1;
}

CLAIM("PSHM-21", "a memfd opened again through /proc/self/fd or, by another program, /proc/PID/fd shares its bytes") {
    const auto page = static_cast<std::size_t>(ipc::page_size());
    ipc::evidence("page_size", static_cast<long long>(page));
    // Close-on-exec: the other program can reach the memfd only through /proc.
    auto fd = pshm::memfd(MFD_CLOEXEC);
    const auto first = random_page(page);
    const ssize_t wrote = ::write(fd.get(), first.data(), page);
    ipc::evidence("write.bytes", static_cast<long long>(wrote));
    REQUIRE(wrote == static_cast<ssize_t>(page));

    const std::string own_path = "/proc/self/fd/" + std::to_string(fd.get());
    ipc::Fd reopened(static_cast<int>(ipc::must(::open(own_path.c_str(), O_RDWR), "open(" + own_path + ")")));
    const auto seen = read_at("reopen.read", reopened.get(), page, 0);
    ipc::evidence("reopen.read.differing_bytes", differing(seen, first));
    CHECK_EQ(differing(seen, first), 0);
    const auto second = random_page(page);
    const ssize_t stored = ::pwrite(reopened.get(), second.data(), page, static_cast<off_t>(page));
    ipc::evidence("reopen.pwrite.bytes", static_cast<long long>(stored));
    CHECK_EQ(stored, static_cast<ssize_t>(page));
    const auto back = read_at("first.read_second_page", fd.get(), page, static_cast<off_t>(page));
    ipc::evidence("first.read_second_page.differing_bytes", differing(back, second));
    CHECK_EQ(differing(back, second), 0);

    const std::string other_path = "/proc/" + std::to_string(::getpid()) + "/fd/" + std::to_string(fd.get());
    ipc::evidence("other_path", other_path);
    auto status = ipc::Child::exec_role("copier", {other_path}).wait();
    ipc::evidence("copier.status", status.describe());
    CHECK(status.exited_with(0));
    ipc::evidence("size", pshm::size_of(fd.get()));
    CHECK_EQ(pshm::size_of(fd.get()), static_cast<long long>(3 * page));
    const auto copied = read_at("first.read_third_page", fd.get(), page, static_cast<off_t>(2 * page));
    ipc::evidence("first.read_third_page.differing_bytes", differing(copied, first));
    CHECK_EQ(differing(copied, first), 0);
}
