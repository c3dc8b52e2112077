// MQ-32 (mq_receive(3) ERRORS EINTR "The call was interrupted by a signal
// handler; see signal(7)"; mq_send(3) ERRORS EINTR likewise; signal(7)
// "Interruption of system calls and library functions by signal handlers":
// without SA_RESTART "the call fails with the error EINTR"): a process
// asleep in mq_receive or mq_timedreceive on an empty queue, or in mq_send
// or mq_timedsend on a full one (seen asleep in the kernel), that catches a
// signal with a handler installed without SA_RESTART returns -1 with EINTR
// once the handler has run, without going back to sleep; the queue is left
// as it was (an interrupted send queues nothing).
#include "mq_support.hpp"

namespace {
// One call, made by a child with a SIGUSR1 handler (no SA_RESTART), asleep
// and then interrupted: what it gave (recorded as <who>_woke_with).
std::string interrupted(const std::string& who, long nr, const std::function<std::string()>& call) {
    auto handled = ipc::Pipe::make();
    auto caller = mqcase::caller_with_handler(handled.w(), 0, call);
    handled.write_end.reset();
    return mqcase::interrupt_blocked(caller, handled.r(), nr, who);
}
}  // namespace

CLAIM("MQ-32", "a caught signal (no SA_RESTART) interrupts a blocked mq_send or mq_receive with EINTR") {
    mqcase::require_calls(mqcase::uses_send | mqcase::uses_receive | mqcase::uses_getattr);
    mqcase::Queue empty(2, 16);
    CHECK_EQ(interrupted("mq_receive", SYS_mq_timedreceive, [&] { return mqcase::receive(empty.fd()); }), "EINTR");
    CHECK_EQ(interrupted("mq_timedreceive", SYS_mq_timedreceive,
                         [&] { return mqcase::timed_receive(empty.fd(), mqcase::realtime_in(60000)); }),
             "EINTR");
    CHECK_EQ(empty.attr().mq_curmsgs, 0);

    mqcase::Queue full(2, 16);
    mqcase::fill(full.fd());
    CHECK_EQ(interrupted("mq_send", SYS_mq_timedsend,
                         [&] { return mqcase::sent_or_errno(::mq_send(full.fd(), "late", 4, 9)); }),
             "EINTR");
    CHECK_EQ(interrupted("mq_timedsend", SYS_mq_timedsend,
                         [&] {
                             const auto deadline = mqcase::realtime_in(60000);
                             return mqcase::sent_or_errno(::mq_timedsend(full.fd(), "late", 4, 9, &deadline));
                         }),
             "EINTR");
    const auto left = mqcase::drain(full.name());
    ipc::evidence("full_queue_after", left);
    CHECK_EQ(left, "0:f 0:f");
}
