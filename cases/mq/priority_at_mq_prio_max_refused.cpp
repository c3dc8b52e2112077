// MQ-07 (mq_overview(7) "Message priorities range from 0 (low) to
// sysconf(_SC_MQ_PRIO_MAX) - 1 (high)"; mq_send(3) "See mq_overview(7) for
// details on the range for the message priority"; the ERRORS list does not
// name the refusal, which Linux gives as EINVAL): the highest priority is
// sysconf(_SC_MQ_PRIO_MAX) - 1; mq_send with sysconf(_SC_MQ_PRIO_MAX) or more
// fails with EINVAL and queues nothing.
#include "mq_support.hpp"

CLAIM("MQ-07", "mq_send with a priority of _SC_MQ_PRIO_MAX or more fails with EINVAL") {
    mqcase::require_calls(mqcase::uses_send | mqcase::uses_receive | mqcase::uses_getattr);
    const long prio_max = ::sysconf(_SC_MQ_PRIO_MAX);
    ipc::evidence("sysconf_SC_MQ_PRIO_MAX", static_cast<long long>(prio_max));
    REQUIRE(prio_max > 0);
    mqcase::Queue q(4, 16, O_RDWR | O_NONBLOCK);

    const auto at_max = mqcase::sent_or_errno(::mq_send(q.fd(), "hi", 2, static_cast<unsigned>(prio_max)));
    ipc::evidence("mq_send_prio_PRIO_MAX", at_max);
    CHECK_EQ(at_max, "EINVAL");
    const auto far_above = mqcase::sent_or_errno(::mq_send(q.fd(), "hi", 2, UINT_MAX));
    ipc::evidence("mq_send_prio_UINT_MAX", far_above);
    CHECK_EQ(far_above, "EINVAL");
    CHECK_EQ(q.attr().mq_curmsgs, 0);

    const auto highest = mqcase::sent_or_errno(::mq_send(q.fd(), "hi", 2, static_cast<unsigned>(prio_max - 1)));
    ipc::evidence("mq_send_prio_PRIO_MAX-1", highest);
    CHECK_EQ(highest, "sent");
    const auto got = mqcase::drain(q.name());
    ipc::evidence("received", got);
    CHECK_EQ(got, std::to_string(prio_max - 1) + ":hi");
}
