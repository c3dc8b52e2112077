// MSG-10 (seed §3.1; msgop(2)): a queue keeps message boundaries. Each msgrcv
// returns exactly one message, with the length it was sent with, even into a
// buffer large enough for all of them (and a zero-length message is a message).
// A pipe given the same writes returns them run together in one read. Large
// messages too: one a byte over a page and one of kernel.msgmax bytes each
// come back whole, in one receive.
#include "ipc/case.hpp"
#include "msg_support.hpp"

namespace {
std::string sizes(const msgcase::Messages& messages) {
    std::string out;
    for (const auto& m : messages) out += (out.empty() ? "" : ",") + std::to_string(m.text.size());
    return out;
}
}  // namespace

CLAIM("MSG-10", "each msgrcv returns exactly one message, with the size it was sent with") {
    const msgcase::Messages sent = {{1, "a"}, {1, "bcd"}, {1, ""}, {1, std::string(100, 'e')}, {1, "fg"}};
    auto q = ipc::MsgQueue::create();
    msgcase::send_all(q.id(), sent);

    msgcase::Messages received;
    for (std::size_t i = 0; i < sent.size(); ++i)
        received.push_back(msgcase::take(q.id(), 0));  // buffer: kernel.msgmax bytes, room for all of them
    ipc::evidence("sizes_sent", sizes(sent));
    ipc::evidence("sizes_received", sizes(received));
    CHECK_EQ(received, sent);
    CHECK_EQ(q.stat().msg_qnum, 0u);

    // The contrast: a pipe is a byte stream, one read returns all the writes.
    auto p = ipc::Pipe::make();
    std::string all;
    for (const auto& m : sent) {
        REQUIRE(ipc::write_all(p.w(), m.text));
        all += m.text;
    }
    auto first_read = ipc::read_some(p.r(), all.size() + 1).value_or("");
    ipc::evidence("pipe_first_read_bytes", first_read.size());
    CHECK_EQ(first_read, all);
}

CLAIM("MSG-10", "a message over a page, up to kernel.msgmax, comes back whole in one receive") {
    const long long msgmax = ipc::sysctl("/proc/sys/kernel/msgmax");
    const auto page = static_cast<std::size_t>(ipc::page_size());
    auto q = ipc::MsgQueue::create();
    for (std::size_t size : {page + 1, static_cast<std::size_t>(msgmax)}) {
        INFO("a message of " << size << " bytes");
        std::string text(size, '\0');
        for (std::size_t i = 0; i < size; ++i) text[i] = static_cast<char>('a' + i % 23);
        ipc::must(ipc::msg_send(q.id(), 7, text, IPC_NOWAIT), "msgsnd of a large message");
        auto got = msgcase::take(q.id(), 0);
        ipc::evidence("large_message_" + std::to_string(size) + ".received_bytes", got.text.size());
        CHECK_EQ(got.text.size(), size);
        CHECK_MESSAGE(got.text == text, "the message came back changed");
        CHECK_EQ(q.stat().msg_qnum, 0u);
    }
}
