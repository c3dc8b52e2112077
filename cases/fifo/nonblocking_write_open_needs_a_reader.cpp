// FIFO-03 (edge; fifo(7), open(2) ENXIO "O_NONBLOCK | O_WRONLY is set, the
// named file is a FIFO, and no process has the FIFO open for reading"):
// open(O_RDONLY|O_NONBLOCK) succeeds with no writer; open(O_WRONLY|O_NONBLOCK)
// with no reader fails with ENXIO, and succeeds once a reader is there.
#include <sys/stat.h>

#include "../pipe/pipe_support.hpp"

CLAIM("FIFO-03", "non-blocking open: reading needs no writer, writing without a reader is ENXIO") {
    ipc::TempDir dir;
    const std::string node = dir.file("fifo");
    REQUIRE(::mkfifo(node.c_str(), 0600) == 0);

    auto lonely_writer = ipc::capture([&] { return ::open(node.c_str(), O_WRONLY | O_NONBLOCK | O_CLOEXEC); });
    ipc::evidence("open_wronly_nonblock_without_reader", ipc::describe(lonely_writer));
    if (lonely_writer.ok()) ::close(static_cast<int>(lonely_writer.value));
    CHECK_EQ(lonely_writer, ipc::SyscallResult::failure(ENXIO));

    auto reader = ipc::capture([&] { return ::open(node.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC); });
    ipc::evidence("open_rdonly_nonblock_without_writer", ipc::describe(reader));
    REQUIRE(reader.ok());
    ipc::Fd read_end(static_cast<int>(reader.value));
    char c;
    auto read_alone = ipc::capture([&] { return ::read(read_end.get(), &c, 1); });
    ipc::evidence("read_with_no_writer_ever", ipc::describe(read_alone));

    auto writer = ipc::capture([&] { return ::open(node.c_str(), O_WRONLY | O_NONBLOCK | O_CLOEXEC); });
    ipc::evidence("open_wronly_nonblock_with_reader", ipc::describe(writer));
    CHECK(writer.ok());
    if (writer.ok()) ::close(static_cast<int>(writer.value));
}
