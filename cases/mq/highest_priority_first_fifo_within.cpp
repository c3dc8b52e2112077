// MQ-05 (mq_receive(3) "removes the oldest message with the highest priority
// from the message queue"; mq_send(3) "Messages are placed on the queue in
// decreasing order of priority, with newer messages of the same priority
// being placed after older messages with the same priority"): mq_receive
// gives the highest priority first, and within one priority the oldest
// first, and reports each message's priority.
#include "mq_support.hpp"

CLAIM("MQ-05", "mq_receive takes the highest priority first, oldest first within a priority") {
    mqcase::Queue q(8, 16);
    const struct {
        const char* text;
        unsigned prio;
    } sent[] = {{"a", 1}, {"b", 5}, {"c", 0}, {"d", 5}, {"e", 1}, {"f", 9}, {"g", 0}};
    std::string order;
    for (const auto& m : sent) {
        mqcase::send(q.fd(), m.text, m.prio);
        order += (order.empty() ? "" : " ") + std::to_string(m.prio) + ":" + m.text;
    }
    ipc::evidence("sent_in_order", order);
    const auto received = mqcase::drain(q.name());
    ipc::evidence("received_in_order", received);
    CHECK_EQ(received, "9:f 5:b 5:d 1:a 1:e 0:c 0:g");
}
