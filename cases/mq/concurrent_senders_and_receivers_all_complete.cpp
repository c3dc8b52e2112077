// MQ-31 (mq_send(3) "If the message queue is already full ... mq_send()
// blocks until sufficient space becomes available"; mq_receive(3) "If the
// queue is empty, then, by default, mq_receive() blocks until a message
// becomes available"): many processes may send to and receive from one queue
// at once, and each message goes to exactly one receiver. Four senders of
// three messages each and six receivers of two each meet on a queue of two
// messages, twice: the senders first (each seen asleep in mq_timedsend on
// the full queue) and then the receivers, and the receivers first (each seen
// asleep in mq_timedreceive on the empty queue) and then the senders. Every
// process completes, within the deadline, and the twelve messages received
// are the twelve sent, once each.
#include <algorithm>
#include <memory>
#include <sstream>

#include "mq_support.hpp"

namespace {
constexpr int senders = 4, per_sender = 3, receivers = 6, per_receiver = 2;
using Children = std::vector<std::unique_ptr<ipc::ReportingChild>>;

Children start_senders(mqd_t q) {
    Children all;
    for (int i = 0; i < senders; ++i)
        all.push_back(std::make_unique<ipc::ReportingChild>(ipc::ReportingChild::fork([&](ipc::Report& r) {
            std::string sent;
            for (int k = 0; k < per_sender; ++k) {
                const auto text = "s" + std::to_string(i) + "." + std::to_string(k);
                sent += (sent.empty() ? "" : " ") + mqcase::sent_or_errno(::mq_send(q, text.data(), text.size(), 1));
            }
            r["sent"] = sent;
            return 0;
        })));
    return all;
}
Children start_receivers(mqd_t q) {
    Children all;
    for (int i = 0; i < receivers; ++i)
        all.push_back(std::make_unique<ipc::ReportingChild>(ipc::ReportingChild::fork([&](ipc::Report& r) {
            std::string got;
            for (int k = 0; k < per_receiver; ++k) got += (got.empty() ? "" : " ") + mqcase::receive(q);
            r["got"] = got;
            return 0;
        })));
    return all;
}
// Every child asleep in `nr`, each recorded as <what>_<i>_blocked.
void require_all_blocked(const Children& all, long nr, const std::string& what) {
    for (std::size_t i = 0; i < all.size(); ++i)
        ipc::require_blocked_in(all[i]->pid(), nr, what + "_" + std::to_string(i) + "_blocked");
}
// Waits for every child; the words each reported under `key`, all together,
// sorted ("(not reported)" for one that did not end within the deadline).
std::vector<std::string> finish_all(Children& all, const std::string& key, const std::string& what) {
    std::vector<std::string> words;
    for (std::size_t i = 0; i < all.size(); ++i) {
        const auto done = all[i]->finish(what + "_" + std::to_string(i));
        CHECK_MESSAGE(done.status.exited_with(0), what << " " << i << ": " << done.status.describe());
        std::istringstream in(done.get(key));
        for (std::string w; in >> w;) words.push_back(w);
    }
    std::sort(words.begin(), words.end());
    return words;
}
std::vector<std::string> expected_received() {
    std::vector<std::string> all;
    for (int i = 0; i < senders; ++i)
        for (int k = 0; k < per_sender; ++k) all.push_back("1:s" + std::to_string(i) + "." + std::to_string(k));
    std::sort(all.begin(), all.end());
    return all;
}
std::string joined(const std::vector<std::string>& words) {
    std::string line;
    for (const auto& w : words) line += (line.empty() ? "" : " ") + w;
    return line;
}
}  // namespace

CLAIM("MQ-31", "several senders and receivers at once on one queue all complete, each message received once") {
    mqcase::require_calls(mqcase::uses_send | mqcase::uses_receive | mqcase::uses_getattr);
    static_assert(senders * per_sender == receivers * per_receiver);
    const std::string all_sent = joined(std::vector<std::string>(senders * per_sender, "sent"));

    {  // the senders first: they wait on the full queue, then receivers come
        mqcase::Queue q(2, 16);
        auto s = start_senders(q.fd());
        require_all_blocked(s, SYS_mq_timedsend, "full_sender");
        CHECK_EQ(q.attr().mq_curmsgs, 2);
        auto r = start_receivers(q.fd());
        const auto got = finish_all(r, "got", "full_receiver");
        CHECK_EQ(joined(finish_all(s, "sent", "full_sender")), all_sent);
        ipc::evidence("senders_first_received", joined(got));
        CHECK_EQ(joined(got), joined(expected_received()));
        CHECK_EQ(q.attr().mq_curmsgs, 0);
    }
    {  // the receivers first: they wait on the empty queue, then senders come
        mqcase::Queue q(2, 16);
        auto r = start_receivers(q.fd());
        require_all_blocked(r, SYS_mq_timedreceive, "empty_receiver");
        auto s = start_senders(q.fd());
        const auto got = finish_all(r, "got", "empty_receiver");
        CHECK_EQ(joined(finish_all(s, "sent", "empty_sender")), all_sent);
        ipc::evidence("receivers_first_received", joined(got));
        CHECK_EQ(joined(got), joined(expected_received()));
        CHECK_EQ(q.attr().mq_curmsgs, 0);
    }
}
