// MQ-22 (mq_notify(3) SIGEV_THREAD "Upon message delivery, invoke
// sevp->sigev_notify_function as if it were the start function of a new
// thread", sigevent(7) "sigev_value ... passed as the sole argument"):
// registered with SIGEV_THREAD, a message into the empty queue runs the
// notify function once, in a new thread, with the registered value. The
// function writes the value to a pipe, which the case polls with a deadline.
#include <poll.h>

#include "mq_support.hpp"

namespace {
int notify_pipe = -1;
void on_message(sigval value) {
    const int v = value.sival_int;
    (void)!::write(notify_pipe, &v, sizeof v);
}
}  // namespace

CLAIM("MQ-22", "SIGEV_THREAD runs the notify function with the registered value when a message arrives") {
    mqcase::require_calls(mqcase::uses_notify | mqcase::uses_send);
    mqcase::Queue q(2, 16);
    auto p = ipc::Pipe::make();
    notify_pipe = p.w();
    sigevent ev{};
    ev.sigev_notify = SIGEV_THREAD;
    ev.sigev_notify_function = on_message;
    ev.sigev_value.sival_int = 4242;
    REQUIRE_WITH_ERRNO(::mq_notify(q.fd(), &ev) == 0, "mq_notify(SIGEV_THREAD)");

    mqcase::send(q.fd(), "go");
    pollfd pfd{p.r(), POLLIN, 0};
    const int ready = ::poll(&pfd, 1, static_cast<int>(ipc::default_deadline.count()));
    ipc::evidence("notify_function_ran", ready == 1);
    REQUIRE_EQ(ready, 1);
    int value = 0;
    REQUIRE_EQ(::read(p.r(), &value, sizeof value), static_cast<ssize_t>(sizeof value));
    ipc::evidence("notify_function_value", value);
    CHECK_EQ(value, 4242);
}
