// MQ-14 (mq_setattr(3) "The only attribute that can be modified is the
// setting of the O_NONBLOCK flag in mq_flags. The other fields in newattr are
// ignored. If the oldattr field is not NULL, then the buffer that it points
// to is used to return an mq_attr structure that contains the same
// information that is returned by mq_getattr()"; mq_getattr(3) EINVAL
// "newattr->mq_flags contained set bits other than O_NONBLOCK"): mq_setattr
// sets or clears O_NONBLOCK (an mq_receive on the empty queue then fails with
// EAGAIN, or blocks), returns the attributes as they were, and ignores
// mq_maxmsg, mq_msgsize and mq_curmsgs; a flag other than O_NONBLOCK is
// refused with EINVAL.
#include "ipc/reporting_child.hpp"
#include "mq_support.hpp"

CLAIM("MQ-14", "mq_setattr changes O_NONBLOCK only and returns the old attributes") {
    mqcase::require_calls(mqcase::uses_getattr);
    mqcase::Queue q(4, 16);
    mq_attr wanted{};
    wanted.mq_flags = O_NONBLOCK;
    wanted.mq_maxmsg = 1;
    wanted.mq_msgsize = 1000;
    wanted.mq_curmsgs = 3;
    mq_attr old{};
    REQUIRE_WITH_ERRNO(::mq_setattr(q.fd(), &wanted, &old) == 0, "mq_setattr(O_NONBLOCK)");
    const auto before = mqcase::attributes(old), after = mqcase::attributes(q.attr());
    ipc::evidence("old_attributes", before);
    ipc::evidence("attributes_after_set", after);
    CHECK_EQ(before, "flags=0 maxmsg=4 msgsize=16 curmsgs=0");
    CHECK_EQ(after, "flags=O_NONBLOCK maxmsg=4 msgsize=16 curmsgs=0");

    // The flag acts: in a child, so that a receive that sleeps instead ends at the deadline.
    auto child = ipc::ReportingChild::fork([&](ipc::Report& r) {
        r["receive_on_empty"] = mqcase::receive(q.fd());
        return 0;
    });
    const auto nonblocking = child.finish("after_set");
    CHECK_EQ(nonblocking.get("receive_on_empty"), "EAGAIN");

    mq_attr bad = q.attr();
    bad.mq_flags = O_NONBLOCK | O_APPEND;
    const auto other_flag = ::mq_setattr(q.fd(), &bad, nullptr) == 0 ? "set" : ipc::errno_name(errno);
    ipc::evidence("mq_setattr_O_APPEND", other_flag);
    CHECK_EQ(other_flag, "EINVAL");

    mq_attr clear{};
    REQUIRE_WITH_ERRNO(::mq_setattr(q.fd(), &clear, &old) == 0, "mq_setattr(0)");
    const auto cleared = mqcase::attributes(q.attr());
    ipc::evidence("attributes_after_clear", cleared);
    CHECK_EQ(mqcase::attributes(old), "flags=O_NONBLOCK maxmsg=4 msgsize=16 curmsgs=0");
    CHECK_EQ(cleared, "flags=0 maxmsg=4 msgsize=16 curmsgs=0");
    auto receiver = ipc::ReportingChild::fork([&](ipc::Report& r) {
        r["got"] = mqcase::receive(q.fd());
        return 0;
    });
    auto blocked = ipc::require_blocked_in(receiver.pid(), SYS_mq_timedreceive, "receiver_after_clear");
    CHECK(ipc::still_blocked(receiver.pid(), blocked));
    mqcase::send(q.fd(), "w", 0);
    CHECK_EQ(receiver.finish("receiver_after_clear").get("got"), "0:w");
}
