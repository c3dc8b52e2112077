// FIFO-04 (edge; fifo(7) "the FIFO special file has no contents on the file
// system", pipe(7)): the node stays in the file system after the processes
// that used it are gone, the data does not: unread data lives only while some
// end is open, and is gone once every end has been closed.
#include <sys/stat.h>

#include "../pipe/pipe_support.hpp"

namespace {

// A process opens both ends, writes `data` and exits without reading it.
ipc::WaitStatus write_and_leave(const std::string& node, const std::string& data) {
    return ipc::Child::fork([&] {
               int r = ::open(node.c_str(), O_RDONLY | O_NONBLOCK);
               int w = ::open(node.c_str(), O_WRONLY);
               return r >= 0 && w >= 0 && ipc::write_all(w, data) ? 0 : 1;
           })
        .wait();
}

long unread_after_reopen(const std::string& node, ipc::Fd& r, ipc::Fd& w) {
    if (!r)
        r.reset(static_cast<int>(ipc::must(::open(node.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC), "open reader")));
    w.reset(static_cast<int>(ipc::must(::open(node.c_str(), O_WRONLY | O_CLOEXEC), "open writer")));
    return support::unread_bytes(r.get());
}

}  // namespace

CLAIM("FIFO-04", "the FIFO node persists, its unread data is gone once every end is closed") {
    ipc::TempDir dir;
    const std::string node = dir.file("fifo");
    REQUIRE(::mkfifo(node.c_str(), 0600) == 0);
    const std::string data = "unread data";

    // While this process keeps a read end open, what another wrote stays.
    ipc::Fd keep(static_cast<int>(ipc::must(::open(node.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC), "open reader")));
    auto first = write_and_leave(node, data);
    REQUIRE(first.exited_with(0));
    ipc::Fd w;
    const long kept = unread_after_reopen(node, keep, w);
    ipc::evidence("unread_while_an_end_stayed_open", kept);
    CHECK_EQ(kept, static_cast<long>(data.size()));
    keep.reset();
    w.reset();

    // With every end closed in between, the node is there and empty.
    auto second = write_and_leave(node, data);
    REQUIRE(second.exited_with(0));
    struct stat st {};
    REQUIRE(::stat(node.c_str(), &st) == 0);
    ipc::evidence("node_is_fifo_after_writer_left", S_ISFIFO(st.st_mode) != 0);
    ipc::evidence("node_size", static_cast<long long>(st.st_size));
    CHECK(S_ISFIFO(st.st_mode));
    CHECK_EQ(st.st_size, 0);
    ipc::Fd r;
    const long left = unread_after_reopen(node, r, w);
    ipc::evidence("unread_after_every_end_closed", left);
    CHECK_EQ(left, 0);
    char c;
    auto read_now = ipc::capture([&] { return ::read(r.get(), &c, 1); });
    ipc::evidence("read_after_reopen", ipc::describe(read_now));
    CHECK_EQ(read_now, ipc::SyscallResult::failure(EAGAIN));
}
