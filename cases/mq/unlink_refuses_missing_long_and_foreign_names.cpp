// MQ-36 (mq_unlink(3) ERRORS "EACCES The caller does not have permission to
// unlink this message queue", "ENAMETOOLONG name was too long", "ENOENT
// There is no message queue with the given name"): mq_unlink fails with
// ENOENT for a name no queue has (also one of exactly NAME_MAX characters),
// with ENAMETOOLONG for a name longer than NAME_MAX after its slash, and
// with EACCES when another user (nobody) tries to remove root's queue, which
// then still exists.
#include "mq_support.hpp"

CLAIM("MQ-36", "mq_unlink fails with ENOENT, ENAMETOOLONG or EACCES for a missing, long or foreign name") {
    const auto missing = mqcase::fresh_name("missing");
    const auto missing_result = ::mq_unlink(missing.c_str()) == 0 ? "unlinked" : ipc::errno_name(errno);
    ipc::evidence("missing_name", missing_result);
    CHECK_EQ(missing_result, "ENOENT");

    const std::string name_max = "/" + std::string(NAME_MAX, 'm');
    const auto name_max_result = ::mq_unlink(name_max.c_str()) == 0 ? "unlinked" : ipc::errno_name(errno);
    ipc::evidence("NAME_MAX_characters", name_max_result);
    CHECK_EQ(name_max_result, "ENOENT");

    const std::string too_long = "/" + std::string(NAME_MAX + 1, 'm');
    const auto too_long_result = ::mq_unlink(too_long.c_str()) == 0 ? "unlinked" : ipc::errno_name(errno);
    ipc::evidence("NAME_MAX+1_characters", too_long_result);
    CHECK_EQ(too_long_result, "ENAMETOOLONG");

    mqcase::Queue q(1, 8);
    auto other = ipc::ReportingChild::fork_as_nobody([&](ipc::Report& r) {
        r["mq_unlink"] = ::mq_unlink(q.name().c_str()) == 0 ? "unlinked" : ipc::errno_name(errno);
        return 0;
    });
    const auto as_other = other.finish("as_nobody");
    if (as_other.status.exited_with(ipc::exit_skip)) {
        ipc::skip_part("other_user", as_other.get("skip"));
        return;
    }
    REQUIRE(as_other.status.exited_with(0));
    CHECK_EQ(as_other.get("mq_unlink"), "EACCES");
    const mqd_t still = ::mq_open(q.name().c_str(), O_RDWR);
    ipc::evidence("queue_afterwards", still == -1 ? ipc::errno_name(errno) : "exists");
    CHECK_NE(still, static_cast<mqd_t>(-1));
    if (still != -1) ::mq_close(still);
}
