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

namespace {
// No peer: the sender alone, a blocking msgsnd, returns at once; the message waits.
void check_sends_with_nobody_else_there(const ipc::MsgQueue& q) {
    const auto alone = msgcase::sent_or_errno(ipc::msg_send(q.id(), 1, "for whoever comes"));
    ipc::evidence("msgsnd_with_no_receiver", alone);
    CHECK_EQ(alone, "sent");
    ipc::evidence("queue_with_no_receiver", msgcase::state(q.stat()));
    CHECK_EQ(q.stat().msg_qnum, 1u);
}

// A FIFO, by contrast, cannot be opened for writing without a reader: with
// O_NONBLOCK the open fails with ENXIO, without it it sleeps until a reader
// opens the FIFO.
void check_fifo_open_needs_a_reader() {
    ipc::TempDir dir;
    const auto fifo = dir.file("fifo");
    ipc::must(::mkfifo(fifo.c_str(), 0600), "mkfifo");
    auto nonblocking_open = ipc::capture([&] { return ::open(fifo.c_str(), O_WRONLY | O_NONBLOCK); });
    ipc::evidence("fifo_open_write_O_NONBLOCK_no_reader", ipc::describe(nonblocking_open));
    CHECK_EQ(nonblocking_open, ipc::SyscallResult::failure(ENXIO));
    auto fifo_writer = ipc::ReportingChild::fork([&](ipc::Report& r) {
        r["open"] = ::open(fifo.c_str(), O_WRONLY) >= 0 ? std::string("opened") : ipc::errno_name(errno);
        return 0;
    });
    ipc::require_blocked_in(fifo_writer.pid(), SYS_openat, "fifo_writer_blocked");
    ipc::Fd reader(static_cast<int>(ipc::must(::open(fifo.c_str(), O_RDONLY | O_NONBLOCK), "open FIFO for reading")));
    auto opened = fifo_writer.finish();
    ipc::evidence("fifo_writer_after_reader_opened", opened.get("open"));
    CHECK_EQ(opened.get("open"), "opened");
}

// Blocking on an empty queue, woken by data.
void check_receive_blocks_on_empty(const ipc::MsgQueue& q) {
    auto receiver = msgcase::receiver(q.id(), 0);
    ipc::require_blocked_in(receiver.pid(), SYS_msgrcv, "receiver_on_empty_queue");
    msgcase::send_all(q.id(), {{2, "data"}});
    auto received = receiver.finish();
    ipc::evidence("receiver_woke_with", received.get("got"));
    CHECK_EQ(received.get("got"), "2:\"data\"");
}

// Blocking on a full queue, woken by a receiver making room.
void check_send_blocks_on_full(const ipc::MsgQueue& q) {
    msgcase::fill_to_qbytes(q, 3);
    auto sender = msgcase::sender(q.id(), 4, "x");
    ipc::require_blocked_in(sender.pid(), SYS_msgsnd, "sender_on_full_queue");
    msgcase::take(q.id(), 3);
    auto sent = sender.finish();
    ipc::evidence("sender_woke_with", sent.get("sent"));
    CHECK_EQ(sent.get("sent"), "sent");
}
}  // namespace

CLAIM("MSG-20", "a queue blocks on empty and full like a pipe, but needs no peer to exist, unlike a FIFO") {
    auto q = ipc::MsgQueue::create();
    check_sends_with_nobody_else_there(q);
    check_fifo_open_needs_a_reader();

    CHECK_EQ(ipc::msg_drain(q.id()), msgcase::Messages{{1, "for whoever comes"}});
    check_receive_blocks_on_empty(q);
    check_send_blocks_on_full(q);
}
