#include "ipc/io.hpp"

#include <cerrno>
#include <fcntl.h>
#include <unistd.h>

#include "ipc/errno_name.hpp"
#include "ipc/error.hpp"

namespace ipc {

bool write_all(int fd, std::string_view text) {
    while (!text.empty()) {
        ssize_t n = ::write(fd, text.data(), text.size());
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return false;
        text.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
}

std::optional<std::string> read_some(int fd, std::size_t max) {
    std::string buf(max, '\0');
    ssize_t n;
    do n = ::read(fd, buf.data(), max);
    while (n < 0 && errno == EINTR);
    if (n < 0) return std::nullopt;
    buf.resize(static_cast<std::size_t>(n));
    return buf;
}

std::string read_exactly(int fd, std::size_t n) {
    std::string out;
    while (out.size() < n) {
        auto part = read_some(fd, n - out.size());
        if (!part || part->empty()) break;
        out += *part;
    }
    return out;
}

Fill fill_until_refused(int fd, std::size_t chunk_size) {
    const std::string chunk(chunk_size, 'f');
    Fill fill;
    for (;;) {
        fill.ending = capture([&] { return ::write(fd, chunk.data(), chunk.size()); });
        if (fill.ending.value <= 0) return fill;
        fill.bytes += static_cast<std::size_t>(fill.ending.value);
    }
}

std::size_t fill_until_eagain(int fd, std::size_t chunk_size) {
    const Fill fill = fill_until_refused(fd, chunk_size);
    if (fill.ending != SyscallResult::failure(EAGAIN))
        throw Failure("fill_until_eagain: the fill ended with write returning " + describe(fill.ending));
    return fill.bytes;
}

std::string pread_all(int fd) {
    std::string out;
    char buf[65536];
    off_t at = 0;
    ssize_t n;
    while ((n = ::pread(fd, buf, sizeof buf, at)) > 0) out.append(buf, static_cast<std::size_t>(n)), at += n;
    return out;
}

std::size_t drain_nonblocking(int fd) {
    char buf[65536];
    std::size_t total = 0;
    for (;;) {
        ssize_t n = ::read(fd, buf, sizeof buf);
        if (n > 0) {
            total += static_cast<std::size_t>(n);
            continue;
        }
        if (n == 0 || errno == EAGAIN) return total;
        throw Failure("drain_nonblocking: read failed with " + errno_name(errno));
    }
}

void set_nonblocking(int fd, bool on) {
    int flags = static_cast<int>(check_call(::fcntl(fd, F_GETFL), "fcntl(F_GETFL)"));
    flags = on ? (flags | O_NONBLOCK) : (flags & ~O_NONBLOCK);
    check_call(::fcntl(fd, F_SETFL, flags), "fcntl(F_SETFL)");
}

}  // namespace ipc
