// FIFO-01 (seed §3.5; mkfifo(3), fifo(7)): mkfifo makes a file-system node
// through which unrelated processes communicate: a writer and a reader,
// executed separately (they share nothing but the path), pass a message. The
// node is a FIFO (S_ISFIFO), not a file holding data: its size stays 0.
#include <sys/stat.h>

#include "../pipe/pipe_support.hpp"

namespace {

IPC_ROLE("writer") {
    ipc::Fd fd(::open(args.at(0).c_str(), O_WRONLY | O_CLOEXEC));  // waits for the reader
    if (!fd) return 2;
    return ipc::write_all(fd.get(), args.at(1)) ? 0 : 3;
}

// Reads to end of file and hands what it got to the case on descriptor args[1].
IPC_ROLE("reader") {
    ipc::Fd fd(::open(args.at(0).c_str(), O_RDONLY | O_CLOEXEC));  // waits for the writer
    if (!fd) return 2;
    auto got = support::read_all_within(fd.get());
    return got.complete && ipc::write_all(std::stoi(args.at(1)), got.data) ? 0 : 3;
}

}  // namespace

CLAIM("FIFO-01", "mkfifo makes a node through which unrelated processes communicate") {
    ipc::TempDir dir;
    const std::string node = dir.file("channel");
    REQUIRE(::mkfifo(node.c_str(), 0600) == 0);
    struct stat st {};
    REQUIRE(::stat(node.c_str(), &st) == 0);
    ipc::evidence("node_is_fifo", S_ISFIFO(st.st_mode) != 0);
    CHECK(S_ISFIFO(st.st_mode));

    auto handed = ipc::Pipe::make();  // only the reader inherits it
    const std::string message = "through the fifo, pid " + std::to_string(::getpid());
    auto reader = ipc::Child::exec_role("reader", {node, std::to_string(handed.w())});
    ipc::must(::fcntl(handed.r(), F_SETFD, FD_CLOEXEC), "fcntl(F_SETFD)");
    ipc::must(::fcntl(handed.w(), F_SETFD, FD_CLOEXEC), "fcntl(F_SETFD)");
    auto writer = ipc::Child::exec_role("writer", {node, message});
    ipc::evidence("writer_pid", writer.pid());
    ipc::evidence("reader_pid", reader.pid());

    auto writer_status = writer.wait();
    auto reader_status = reader.wait();
    handed.write_end.reset();
    auto got = support::read_all_within(handed.r());
    ipc::evidence("writer_status", writer_status.describe());
    ipc::evidence("reader_status", reader_status.describe());
    ipc::evidence("message_sent", message);
    ipc::evidence("message_received", got.data);
    CHECK(writer_status.exited_with(0));
    CHECK(reader_status.exited_with(0));
    CHECK_EQ(got.data, message);

    REQUIRE(::stat(node.c_str(), &st) == 0);
    ipc::evidence("node_size_after", static_cast<long long>(st.st_size));
    CHECK_EQ(st.st_size, 0);
}
