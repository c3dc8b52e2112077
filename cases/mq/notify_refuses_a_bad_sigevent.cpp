// MQ-34 (mq_notify(3) ERRORS EINVAL "sevp->sigev_notify is not one of the
// permitted values; or sevp->sigev_notify is SIGEV_SIGNAL and
// sevp->sigev_signo is not a valid signal number"): mq_notify refuses with
// EINVAL a sigev_notify other than SIGEV_NONE, SIGEV_SIGNAL and SIGEV_THREAD
// (-1, 42) and SIGEV_SIGNAL with a signal number past the last one (_NSIG +
// 1, -1), and registers nothing (a SIGEV_NONE registration right after is
// accepted, not EBUSY). The sigevent is checked before the descriptor: on a
// descriptor that is not a queue the answer is EINVAL too, not EBADF.
#include "mq_support.hpp"

namespace {
std::string notify_with(mqd_t q, int how, int signo) {
    sigevent ev{};
    ev.sigev_notify = how;
    ev.sigev_signo = signo;
    return mqcase::registered_or_errno(::mq_notify(q, &ev));
}
// Each bad sigevent on descriptor q: "-1:EINVAL 42:EINVAL SIGNAL/65:EINVAL SIGNAL/-1:EINVAL".
std::string bad_sigevents_on(mqd_t q) {
    return "-1:" + notify_with(q, -1, 0) + " 42:" + notify_with(q, 42, 0) +
           " SIGNAL/_NSIG+1:" + notify_with(q, SIGEV_SIGNAL, _NSIG + 1) +
           " SIGNAL/-1:" + notify_with(q, SIGEV_SIGNAL, -1);
}
}  // namespace

CLAIM("MQ-34", "mq_notify refuses an unknown sigev_notify or an invalid signal number with EINVAL") {
    mqcase::require_calls(mqcase::uses_notify);
    const std::string all_einval = "-1:EINVAL 42:EINVAL SIGNAL/_NSIG+1:EINVAL SIGNAL/-1:EINVAL";
    mqcase::Queue q(1, 8);
    const auto on_queue = bad_sigevents_on(q.fd());
    ipc::evidence("on_queue", on_queue);
    CHECK_EQ(on_queue, all_einval);
    const auto then_none = mqcase::registered_or_errno(mqcase::notify_none(q.fd()));
    ipc::evidence("SIGEV_NONE_afterwards", then_none);
    CHECK_EQ(then_none, "registered");
    ::mq_notify(q.fd(), nullptr);

    ipc::Fd root(static_cast<int>(ipc::must(::open("/", O_RDONLY | O_DIRECTORY), "open /")));
    const auto on_directory = bad_sigevents_on(static_cast<mqd_t>(root.get()));
    ipc::evidence("on_directory_fd", on_directory);
    CHECK_EQ(on_directory, all_einval);
}
