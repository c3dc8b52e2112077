// FIFO-08 (edge; truncate(2) ERRORS "EINVAL ... The argument length is
// negative or larger than the maximum file size" and "EINVAL or EISDIR The
// named file is a directory" / ftruncate "EINVAL fd does not reference a
// regular file or a POSIX shared memory object", open(2) "O_TRUNC ... On a
// FIFO or terminal device file, the O_TRUNC flag is ignored"): a FIFO has no
// size to cut. truncate() of the node and ftruncate() of its descriptors
// (read end, write end, O_RDWR) fail with EINVAL, and open(O_WRONLY|O_TRUNC)
// of it succeeds and changes nothing: bytes already in the FIFO are all still
// read, in order, after it and after the failed truncations, and the node is
// still a FIFO.
#include <sys/stat.h>

#include "../pipe/pipe_support.hpp"

CLAIM("FIFO-08", "truncate and ftruncate of a FIFO fail with EINVAL; O_TRUNC opens it and discards nothing") {
    ipc::TempDir dir;
    const std::string node = dir.file("fifo");
    REQUIRE(::mkfifo(node.c_str(), 0600) == 0);
    ipc::Fd reader(static_cast<int>(ipc::must(::open(node.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC), "open reader")));
    ipc::Fd writer(static_cast<int>(ipc::must(::open(node.c_str(), O_WRONLY | O_NONBLOCK | O_CLOEXEC), "open writer")));
    const std::string before = "written before";
    REQUIRE(ipc::write_all(writer.get(), before));

    auto trunc = ipc::capture([&] { return ::truncate(node.c_str(), 0); });
    auto ftrunc_w = ipc::capture([&] { return ::ftruncate(writer.get(), 0); });
    auto ftrunc_r = ipc::capture([&] { return ::ftruncate(reader.get(), 0); });
    ipc::evidence("truncate_node", ipc::describe(trunc));
    ipc::evidence("ftruncate_write_end", ipc::describe(ftrunc_w));
    ipc::evidence("ftruncate_read_end", ipc::describe(ftrunc_r));
    CHECK_EQ(trunc, ipc::SyscallResult::failure(EINVAL));
    CHECK_EQ(ftrunc_w, ipc::SyscallResult::failure(EINVAL));
    CHECK_EQ(ftrunc_r, ipc::SyscallResult::failure(EINVAL));

    const int t = ::open(node.c_str(), O_WRONLY | O_TRUNC | O_NONBLOCK | O_CLOEXEC);
    ipc::evidence("open_O_WRONLY_O_TRUNC", t >= 0 ? std::string("ok") : ipc::errno_name(errno));
    REQUIRE(t >= 0);
    ipc::Fd truncating(t);
    const int rw = ::open(node.c_str(), O_RDWR | O_TRUNC | O_CLOEXEC);
    ipc::evidence("open_O_RDWR_O_TRUNC", rw >= 0 ? std::string("ok") : ipc::errno_name(errno));
    REQUIRE(rw >= 0);
    ipc::Fd both(rw);
    auto ftrunc_rw = ipc::capture([&] { return ::ftruncate(both.get(), 0); });
    ipc::evidence("ftruncate_O_RDWR", ipc::describe(ftrunc_rw));
    CHECK_EQ(ftrunc_rw, ipc::SyscallResult::failure(EINVAL));

    const std::string after = ", and after";
    REQUIRE(ipc::write_all(truncating.get(), after));
    const long unread = support::unread_bytes(reader.get());
    ipc::evidence("unread_bytes", unread);
    CHECK_EQ(unread, static_cast<long>((before + after).size()));
    CHECK_EQ(ipc::read_exactly(reader.get(), (before + after).size()), before + after);
    struct stat st;
    REQUIRE(::stat(node.c_str(), &st) == 0);
    ipc::evidence("still_a_fifo", S_ISFIFO(st.st_mode));
    CHECK(S_ISFIFO(st.st_mode));
}
