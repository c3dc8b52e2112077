// FIFO-11 (edge; fifo(7) "A process can open a FIFO in nonblocking mode",
// pipe(7) "If ... O_NONBLOCK ... write(2) fails with EAGAIN", read(2)
// EAGAIN): the ends of a FIFO opened with O_NONBLOCK behave as non-blocking
// pipe ends. With the reader open first and then the writer, a read of the
// empty FIFO fails with EAGAIN; a write of 17 pages takes only the FIFO's
// capacity (F_GETPIPE_SZ) and a further write of 8 pages into the full FIFO
// fails with EAGAIN, writing nothing.
#include <sys/stat.h>

#include "../pipe/pipe_support.hpp"

CLAIM("FIFO-11", "non-blocking FIFO ends: read of an empty FIFO and write to a full one fail with EAGAIN") {
    ipc::TempDir dir;
    const std::string node = dir.file("fifo");
    REQUIRE(::mkfifo(node.c_str(), 0600) == 0);
    ipc::Fd r(static_cast<int>(ipc::must(::open(node.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC), "open reader")));
    ipc::Fd w(static_cast<int>(ipc::must(::open(node.c_str(), O_WRONLY | O_NONBLOCK | O_CLOEXEC), "open writer")));
    const long page = ipc::page_size(), capacity = ipc::must(::fcntl(w.get(), F_GETPIPE_SZ), "F_GETPIPE_SZ");
    ipc::evidence("F_GETPIPE_SZ", capacity);

    char c;
    auto empty_read = ipc::capture([&] { return ::read(r.get(), &c, 1); });
    ipc::evidence("read_of_empty_fifo", ipc::describe(empty_read));
    CHECK_EQ(empty_read, ipc::SyscallResult::failure(EAGAIN));

    const std::string seventeen(static_cast<std::size_t>(17 * page), 'A');
    auto first = ipc::capture([&] { return ::write(w.get(), seventeen.data(), seventeen.size()); });
    ipc::evidence("write_of_17_pages", ipc::describe(first));
    CHECK_EQ(first, ipc::SyscallResult{capacity, 0});
    auto full = ipc::capture([&] { return ::write(w.get(), seventeen.data(), static_cast<std::size_t>(8 * page)); });
    ipc::evidence("write_of_8_pages_when_full", ipc::describe(full));
    CHECK_EQ(full, ipc::SyscallResult::failure(EAGAIN));
    const long unread = support::unread_bytes(r.get());
    ipc::evidence("unread_bytes", unread);
    CHECK_EQ(unread, capacity);
}
