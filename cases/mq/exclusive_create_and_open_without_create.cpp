// MQ-02 (mq_open(3): O_EXCL "If O_CREAT was specified in oflag, and a queue
// with the given name already exists, then fail with the error EEXIST";
// ENOENT "The O_CREAT flag was not specified in oflag, and no queue with this
// name exists"): a name names one queue. O_CREAT | O_EXCL on a name in use
// fails with EEXIST, mq_open without O_CREAT of an unused name fails with
// ENOENT, and O_CREAT without O_EXCL, or no O_CREAT at all, opens the queue
// that is there (a message sent through one descriptor is read through the
// other).
#include "mq_support.hpp"

CLAIM("MQ-02", "O_CREAT|O_EXCL on an existing name fails EEXIST; opening a missing name without O_CREAT fails ENOENT") {
    mqcase::Queue q(4, 16);
    const auto again = mqcase::create(q.name(), 4, 16);
    const auto exclusive = again == -1 ? ipc::errno_name(errno) : "created a second queue";
    if (again != -1) ::mq_close(again);
    ipc::evidence("mq_open_O_CREAT_O_EXCL_existing", exclusive);
    CHECK_EQ(exclusive, "EEXIST");

    mqcase::UnlinkName missing(mqcase::fresh_name("missing"));
    const mqd_t absent = ::mq_open(missing.name().c_str(), O_RDWR);
    const auto no_create = absent == -1 ? ipc::errno_name(errno) : "opened";
    if (absent != -1) ::mq_close(absent);
    ipc::evidence("mq_open_without_O_CREAT_missing", no_create);
    CHECK_EQ(no_create, "ENOENT");

    // Without O_EXCL, and without O_CREAT, the name opens the queue that is there.
    const mqd_t shared = ::mq_open(q.name().c_str(), O_CREAT | O_RDWR | O_NONBLOCK, 0600, nullptr);
    REQUIRE_WITH_ERRNO(shared != -1, "mq_open(O_CREAT) of the existing name");
    const mqd_t plain = ::mq_open(q.name().c_str(), O_RDONLY | O_NONBLOCK);
    REQUIRE_WITH_ERRNO(plain != -1, "mq_open() of the existing name");
    mqcase::send(q.fd(), "one");
    mqcase::send(shared, "two");
    const auto through_shared = mqcase::receive(shared);
    const auto through_plain = mqcase::receive(plain);
    ::mq_close(shared);
    ::mq_close(plain);
    ipc::evidence("received_through_O_CREAT_descriptor", through_shared);
    ipc::evidence("received_through_plain_descriptor", through_plain);
    CHECK_EQ(through_shared, "0:one");
    CHECK_EQ(through_plain, "0:two");
}
