#include <cerrno>
#include <cstring>
#include <vector>

#include "ipc/error.hpp"
#include "ipc/procfs.hpp"
#include "ipc/sysv.hpp"

namespace ipc {

MsgQueue MsgQueue::create(key_t key, int mode) {
    return MsgQueue(static_cast<int>(check_call(::msgget(key, IPC_CREAT | IPC_EXCL | mode), "msgget(IPC_CREAT)")),
                    true);
}

MsgQueue MsgQueue::open(key_t key) {
    return MsgQueue(static_cast<int>(check_call(::msgget(key, 0), "msgget(existing key)")), false);
}

MsgQueue::MsgQueue(MsgQueue&& other) noexcept : id_(other.id_), owned_(std::exchange(other.owned_, false)) {}

MsgQueue::~MsgQueue() {
    if (owned_) ::msgctl(id_, IPC_RMID, nullptr);
}

msqid_ds MsgQueue::stat() const {
    msqid_ds ds{};
    check_call(::msgctl(id_, IPC_STAT, &ds), "msgctl(IPC_STAT)");
    return ds;
}

void MsgQueue::remove() {
    check_call(::msgctl(id_, IPC_RMID, nullptr), "msgctl(IPC_RMID)");
    owned_ = false;
}

int MsgQueue::release() {
    owned_ = false;
    return id_;
}

namespace {
// msgsnd/msgrcv take a buffer that starts with the long type.
std::vector<char> message_buffer(std::size_t text_size) { return std::vector<char>(sizeof(long) + text_size); }
}  // namespace

int msg_send(int qid, long type, std::string_view text, int flags) {
    auto buf = message_buffer(text.size());
    std::memcpy(buf.data(), &type, sizeof type);
    std::memcpy(buf.data() + sizeof type, text.data(), text.size());
    return ::msgsnd(qid, buf.data(), text.size(), flags);
}

std::optional<Message> msg_receive(int qid, long msgtyp, int flags, std::size_t max_size) {
    if (max_size == 0) max_size = static_cast<std::size_t>(read_number("/proc/sys/kernel/msgmax").value_or(8192));
    auto buf = message_buffer(max_size);
    ssize_t n = ::msgrcv(qid, buf.data(), max_size, msgtyp, flags);
    if (n < 0) return std::nullopt;
    Message m;
    std::memcpy(&m.type, buf.data(), sizeof m.type);
    m.text.assign(buf.data() + sizeof(long), static_cast<std::size_t>(n));
    return m;
}

std::vector<Message> msg_drain(int qid) {
    std::vector<Message> out;
    while (auto m = msg_receive(qid, 0, IPC_NOWAIT)) out.push_back(*m);
    if (errno != ENOMSG) check_call(-1, "msgrcv while draining");
    return out;
}

std::string describe(const std::vector<Message>& messages) {
    std::string out = "[";
    for (std::size_t i = 0; i < messages.size(); ++i) {
        if (i) out += ", ";
        out += std::to_string(messages[i].type) + ":\"" + messages[i].text + "\"";
    }
    return out + "]";
}

}  // namespace ipc
