// MQ-17 (mq_notify(3) "If other processes or threads are waiting in
// mq_receive(3) to receive a message from an empty queue, then any message
// notification registration is ignored: the message is delivered to the
// process or thread calling mq_receive(3), and the message notification
// registration remains in effect"): with a receiver asleep in mq_receive (seen
// in /proc), a message sent into the empty queue goes to that receiver and
// no notification signal is sent (the case is both registered and the sender,
// so a signal would arrive before its mq_send returns); the registration
// stays: the next message into the empty queue, with nobody waiting, brings
// the signal.
#include "ipc/reporting_child.hpp"
#include "mq_support.hpp"

CLAIM("MQ-17", "a message taken by a waiting receiver gives no notification, and the registration stays") {
    mqcase::require_calls(mqcase::uses_notify | mqcase::uses_send | mqcase::uses_receive);
    mqcase::Queue q(4, 16);
    ipc::CaughtSignal caught(SIGUSR1);
    REQUIRE_WITH_ERRNO(mqcase::notify_by_signal(q.fd(), SIGUSR1, 5) == 0, "mq_notify(SIGEV_SIGNAL)");

    auto receiver = ipc::ReportingChild::fork([&](ipc::Report& r) {
        r["got"] = mqcase::receive(q.fd());
        return 0;
    });
    ipc::require_blocked_in(receiver.pid(), SYS_mq_timedreceive, "receiver_blocked");
    mqcase::send(q.fd(), "to-receiver", 1);
    ipc::evidence("signals_when_receiver_waited", caught.count());
    CHECK_EQ(caught.count(), 0);
    const auto took = receiver.finish("receiver");
    CHECK_EQ(took.get("got"), "1:to-receiver");

    mqcase::send(q.fd(), "to-queue", 1);
    ipc::evidence("signals_when_nobody_waited", caught.count());
    CHECK_EQ(caught.count(), 1);
}
