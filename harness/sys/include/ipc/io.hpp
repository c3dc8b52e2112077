// Byte-level helpers over descriptors: pipes, FIFOs and sockets alike.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <sys/types.h>

#include "ipc/syscall_result.hpp"

namespace ipc {

// Writes all of text, retrying short writes; returns false (errno set) on error.
bool write_all(int fd, std::string_view text);

// One read(2) of at most max bytes: the bytes read, "" at end of file,
// nullopt on error (errno set).
std::optional<std::string> read_some(int fd, std::size_t max);

// The whole content of a file (a memfd, a file another process wrote), read
// with pread(2) from offset 0 whatever the descriptor's offset is.
std::string pread_all(int fd);

// Reads until exactly n bytes arrived or end of file; returns what was read.
std::string read_exactly(int fd, std::size_t n);

// Writes chunk_size-byte chunks to a non-blocking fd until a write(2) does
// not accept bytes; returns the bytes accepted and that last write's result
// (EAGAIN from a kernel that keeps to the rules; 0 or another error
// otherwise), for cases whose claim is how a fill ends.
struct Fill {
    std::size_t bytes = 0;
    SyscallResult ending{};
};
Fill fill_until_refused(int fd, std::size_t chunk_size);

// fill_until_refused for a setup step: the bytes accepted; a fill that ends
// otherwise than with EAGAIN is reported as broken.
std::size_t fill_until_eagain(int fd, std::size_t chunk_size);

// Reads a non-blocking fd until EAGAIN or end of file; returns the bytes read.
std::size_t drain_nonblocking(int fd);

// Sets or clears O_NONBLOCK on fd (broken on failure).
void set_nonblocking(int fd, bool on);

}  // namespace ipc
