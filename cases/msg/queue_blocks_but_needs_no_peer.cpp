// MSG-20 (fix §3.5; msgop(2), fifo(7)). The document says message queues
// avoid the blocking problems of pipes. They do not: msgrcv on an empty queue
// and msgsnd on a full one sleep just as read and write on a pipe do (both
// observed in /proc here, as in MSG-05 and MSG-12). What a queue avoids is the
// open/close rendezvous of a FIFO: it exists without any peer, so msgsnd with
// nobody else attached succeeds at once and the message waits, where opening
// a FIFO for writing with no reader fails with ENXIO (O_NONBLOCK) or sleeps.
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/syscall.h>

#include "ipc/case.hpp"
#include "msg_support.hpp"

CLAIM("MSG-20", "a queue blocks on empty and full like a pipe, but needs no peer to exist, unlike a FIFO") {
    auto q = ipc::MsgQueue::create();

    // No peer: the sender alone, a blocking msgsnd, returns at once; the message waits.
    const auto alone = msgcase::sent_or_errno(ipc::msg_send(q.id(), 1, "for whoever comes"));
    ipc::evidence("msgsnd_with_no_receiver", alone);
    CHECK_EQ(alone, "sent");
    ipc::evidence("queue_with_no_receiver", msgcase::state(q.stat()));
    CHECK_EQ(q.stat().msg_qnum, 1u);

    // A FIFO, by contrast, cannot be opened for writing without a reader.
    ipc::TempDir dir;
    const auto fifo = dir.file("fifo");
    ipc::must(::mkfifo(fifo.c_str(), 0600), "mkfifo");
    auto nonblocking_open = ipc::capture([&] { return ::open(fifo.c_str(), O_WRONLY | O_NONBLOCK); });
    ipc::evidence("fifo_open_write_O_NONBLOCK_no_reader", ipc::describe(nonblocking_open));
    CHECK_EQ(nonblocking_open, ipc::SyscallResult::failure(ENXIO));
    auto fifo_writer = msgcase::ReportingChild::fork([&] {
        return ::open(fifo.c_str(), O_WRONLY) >= 0 ? std::string("opened") : ipc::errno_name(errno);
    });
    msgcase::observe_blocked(fifo_writer.pid(), SYS_openat, "fifo_writer_blocked");
    ipc::Fd reader(static_cast<int>(ipc::must(::open(fifo.c_str(), O_RDONLY | O_NONBLOCK), "open FIFO for reading")));
    auto opened = fifo_writer.finish();
    ipc::evidence("fifo_writer_after_reader_opened", opened.report);
    CHECK_EQ(opened.report, "opened");

    // Blocking on an empty queue, woken by data.
    CHECK_EQ(ipc::msg_drain(q.id()), msgcase::Messages{{1, "for whoever comes"}});
    auto receiver = msgcase::ReportingChild::fork([&] { return msgcase::outcome(ipc::msg_receive(q.id(), 0)); });
    msgcase::observe_blocked(receiver.pid(), SYS_msgrcv, "receiver_on_empty_queue");
    msgcase::send_all(q.id(), {{2, "data"}});
    auto received = receiver.finish();
    ipc::evidence("receiver_woke_with", received.report);
    CHECK_EQ(received.report, "2:\"data\"");

    // Blocking on a full queue, woken by a receiver making room.
    msgcase::fill_to_qbytes(q, 3);
    auto sender = msgcase::ReportingChild::fork([&] { return msgcase::sent_or_errno(ipc::msg_send(q.id(), 4, "x")); });
    msgcase::observe_blocked(sender.pid(), SYS_msgsnd, "sender_on_full_queue");
    msgcase::take(q.id(), 3);
    auto sent = sender.finish();
    ipc::evidence("sender_woke_with", sent.report);
    CHECK_EQ(sent.report, "sent");
}
