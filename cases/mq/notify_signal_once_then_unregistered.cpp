// MQ-16 (mq_notify(3) "Message notification occurs only when a new message
// arrives and the queue was previously empty"; "After notification is
// delivered, the notification registration is removed, and another process
// can register for message notification. If the notified process wishes to
// receive the next notification, it can use mq_notify() to request a further
// notification"; SIGEV_SIGNAL "the siginfo_t structure will be set as
// follows: si_code is set to SI_MESGQ, si_signo ..., si_value ..., si_pid is
// set to the PID of the process that sent the message, and si_uid ..."):
// registered with SIGEV_SIGNAL, the case gets the signal once, when its own
// mq_send puts a message in the empty queue (delivered on return from that
// mq_send: the case is the sender), with SI_MESGQ, its value and the
// sender's pid; a message added to a non-empty queue gives none; after the
// notification the registration is gone: the next message into the empty
// queue gives none until the case registers again.
#include "mq_support.hpp"

CLAIM("MQ-16", "SIGEV_SIGNAL is delivered once, for a message into an empty queue; then the registration is gone") {
    mqcase::require_calls(mqcase::uses_notify | mqcase::uses_send | mqcase::uses_receive);
    mqcase::Queue q(4, 16, O_RDWR | O_NONBLOCK);
    ipc::CaughtSignal caught(SIGUSR1);
    REQUIRE_WITH_ERRNO(mqcase::notify_by_signal(q.fd(), SIGUSR1, 77) == 0, "mq_notify(SIGEV_SIGNAL)");

    mqcase::send(q.fd(), "a");
    ipc::evidence("signals_after_message_into_empty_queue", caught.count());
    CHECK_EQ(caught.count(), 1);
    const auto all = ipc::deliveries();
    REQUIRE_FALSE(all.empty());
    const auto d = all.back();
    ipc::evidence("delivery", ipc::describe(d));
    CHECK_EQ(d.signo, SIGUSR1);
    CHECK_EQ(ipc::si_code_name(d.signo, d.code), ipc::si_code_name(SIGUSR1, SI_MESGQ));
    CHECK_EQ(d.value, 77);
    CHECK_EQ(d.pid, ::getpid());

    mqcase::send(q.fd(), "b");
    ipc::evidence("signals_after_message_into_non_empty_queue", caught.count());
    CHECK_EQ(caught.count(), 1);

    mqcase::drain(q.name());
    mqcase::send(q.fd(), "c");
    ipc::evidence("signals_after_next_message_unregistered", caught.count());
    CHECK_EQ(caught.count(), 1);

    mqcase::drain(q.name());
    REQUIRE_WITH_ERRNO(mqcase::notify_by_signal(q.fd(), SIGUSR1, 78) == 0, "mq_notify(SIGEV_SIGNAL) again");
    mqcase::send(q.fd(), "d");
    ipc::evidence("signals_after_registering_again", caught.count());
    CHECK_EQ(caught.count(), 2);
    CHECK_EQ(ipc::deliveries().back().value, 78);
}
