// The small vocabulary of the splice cases (cases/splice): splice(2), tee(2)
// and vmsplice(2) called through the C library with their outcome captured
// (ipc::SyscallResult, printed "4096" or "-1 (EAGAIN)"), files in a private
// temporary directory, recognisable byte patterns, and sizes read from the
// running system (F_GETPIPE_SZ, the page size).
#pragma once
#include <algorithm>
#include <fcntl.h>
#include <functional>
#include <string>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#include "ipc/case.hpp"
#include "ipc/reporting_child.hpp"

namespace spl {

// The calls a claim uses, for require_calls.
enum Calls : unsigned { uses_splice = 1, uses_tee = 2, uses_vmsplice = 4 };

// True when this kernel provides vmsplice (gVisor has none: ENOSYS); with a
// bad descriptor it fails otherwise.
inline bool has_vmsplice() {
    iovec none{nullptr, 0};
    return !(::vmsplice(-1, &none, 1, 0) < 0 && errno == ENOSYS);
}

// SKIPs the case, naming the call, when this kernel lacks one of the calls
// the claim uses (ENOSYS); with bad descriptors each of them fails otherwise.
inline void require_calls(unsigned calls) {
    if ((calls & uses_splice) && ::splice(-1, nullptr, -1, nullptr, 1, 0) < 0 && errno == ENOSYS)
        ipc::skip("this kernel does not provide splice (ENOSYS)");
    if ((calls & uses_tee) && ::tee(-1, -1, 1, 0) < 0 && errno == ENOSYS)
        ipc::skip("this kernel does not provide tee (ENOSYS)");
    if ((calls & uses_vmsplice) && !has_vmsplice()) ipc::skip("this kernel does not provide vmsplice (ENOSYS)");
}

// A call's expected success: n bytes moved.
inline ipc::SyscallResult moved(long n) { return {n, 0}; }

// splice(2), tee(2) and vmsplice(2) with their results captured, and
// recorded under key.
inline ipc::SyscallResult splice(const std::string& key, int in, loff_t* off_in, int out, loff_t* off_out,
                                 std::size_t len, unsigned flags = 0) {
    auto r = ipc::capture([&] { return ::splice(in, off_in, out, off_out, len, flags); });
    ipc::evidence(key, ipc::describe(r));
    return r;
}
inline ipc::SyscallResult tee(const std::string& key, int in, int out, std::size_t len, unsigned flags = 0) {
    auto r = ipc::capture([&] { return ::tee(in, out, len, flags); });
    ipc::evidence(key, ipc::describe(r));
    return r;
}
inline ipc::SyscallResult vmsplice(const std::string& key, int fd, const iovec* iov, std::size_t n,
                                   unsigned flags = 0) {
    auto r = ipc::capture([&] { return ::vmsplice(fd, iov, n, flags); });
    ipc::evidence(key, ipc::describe(r));
    return r;
}

// n bytes that differ from their neighbours and from other patterns
// (seed picks which): a byte misplaced or repeated shows.
inline std::string pattern(std::size_t n, unsigned seed = 1) {
    std::string bytes(n, '\0');
    for (std::size_t i = 0; i < n; ++i) bytes[i] = static_cast<char>((i * 7 + i / 251 + seed * 13) & 0xff);
    return bytes;
}

// open(2) of path with flags (mode 0600 when created), or a broken setup.
inline ipc::Fd open_file(const std::string& path, int flags) {
    return ipc::Fd(static_cast<int>(ipc::must(::open(path.c_str(), flags | O_CLOEXEC, 0600), "open " + path)));
}

// A new file at path holding content, opened with flags, at offset 0.
inline ipc::Fd file_with(const std::string& path, const std::string& content, int flags = O_RDWR) {
    {
        auto out = open_file(path, O_WRONLY | O_CREAT | O_TRUNC);
        if (!ipc::write_all(out.get(), content)) ipc::broken("write " + path + ": " + ipc::errno_name(errno));
    }
    return open_file(path, flags);
}

// The file offset of fd (lseek SEEK_CUR).
inline long long offset_of(int fd) { return static_cast<long long>(ipc::must(::lseek(fd, 0, SEEK_CUR), "lseek")); }

// The bytes a pipe holds unread (FIONREAD), recorded under key.
inline long unread(int pipe_read_end, const std::string& key) {
    int n = -1;
    ipc::must(::ioctl(pipe_read_end, FIONREAD, &n), "ioctl(FIONREAD)");
    ipc::evidence(key, n);
    return n;
}

// Up to n of the bytes a pipe holds now, read without waiting for more (what
// a call said it moved may not be there when the call lied).
inline std::string read_held(int fd, std::size_t n) {
    int held = 0;
    ipc::must(::ioctl(fd, FIONREAD, &held), "ioctl(FIONREAD)");
    return ipc::read_exactly(fd, std::min(n, static_cast<std::size_t>(held > 0 ? held : 0)));
}

// Reads the bytes a pipe holds now, up to expected.size(), without waiting
// (a pipe that lacks some must not hang the case), and compares them with
// expected: true when equal; records <key>.bytes and <key>.matches.
inline bool reads_back(int fd, const std::string& expected, const std::string& key) {
    const long held = unread(fd, key + ".unread");
    const std::size_t n = std::min(expected.size(), static_cast<std::size_t>(held > 0 ? held : 0));
    const std::string got = ipc::read_exactly(fd, n);
    ipc::evidence(key + ".bytes", static_cast<long long>(got.size()));
    ipc::evidence(key + ".matches", got == expected);
    return got == expected;
}

}  // namespace spl
