// MQ-33 (mq_open(3) ERRORS EMFILE "The per-process limit on the number of
// open file and message queue descriptors has been reached (see the
// description of RLIMIT_NOFILE in getrlimit(2))"; mq_overview(7) "a message
// queue descriptor is actually a file descriptor"): queue descriptors count
// against RLIMIT_NOFILE. A child sets its soft limit to its lowest free
// descriptor number, so that no descriptor is left (open(2) of /dev/null
// fails with EMFILE too): mq_open of an existing queue and mq_open(O_CREAT)
// of a new name fail with EMFILE, and the new name is not created; with the
// limit raised again the same open succeeds.
#include <sys/resource.h>

#include "mq_support.hpp"

CLAIM("MQ-33", "with RLIMIT_NOFILE reached, mq_open fails with EMFILE") {
    mqcase::Queue existing(1, 8);
    auto child = ipc::ReportingChild::fork([&](ipc::Report& r) {
        const int lowest_free = ::open("/dev/null", O_RDONLY);
        if (lowest_free < 0) {
            r["cannot"] = "open /dev/null: " + ipc::errno_name(errno);
            return 0;
        }
        ::close(lowest_free);
        rlimit old{};
        ::getrlimit(RLIMIT_NOFILE, &old);
        rlimit none = old;
        none.rlim_cur = static_cast<rlim_t>(lowest_free);
        if (::setrlimit(RLIMIT_NOFILE, &none) != 0) {
            r["cannot"] = "setrlimit: " + ipc::errno_name(errno);
            return 0;
        }
        r["RLIMIT_NOFILE"] = std::to_string(lowest_free);
        const int plain = ::open("/dev/null", O_RDONLY);
        r["open_dev_null"] = plain < 0 ? ipc::errno_name(errno) : "opened";
        const mqd_t q = ::mq_open(existing.name().c_str(), O_RDWR);
        r["mq_open_existing"] = q == -1 ? ipc::errno_name(errno) : "opened";
        mqcase::UnlinkName fresh(mqcase::fresh_name("emfile"));
        const mqd_t made = mqcase::create(fresh.name(), 1, 8);
        r["mq_open_create"] = made == -1 ? ipc::errno_name(errno) : "created";
        ::setrlimit(RLIMIT_NOFILE, &old);
        const mqd_t after = ::mq_open(fresh.name().c_str(), O_RDWR);
        r["new_name_afterwards"] = after == -1 ? ipc::errno_name(errno) : "exists";
        const mqd_t again = ::mq_open(existing.name().c_str(), O_RDWR);
        r["mq_open_existing_limit_raised"] = again == -1 ? ipc::errno_name(errno) : "opened";
        return 0;
    });
    const auto result = child.finish("at_rlimit_nofile");
    REQUIRE(result.status.exited_with(0));
    if (result.report.count("cannot")) ipc::skip(result.get("cannot"));
    REQUIRE_EQ(result.get("open_dev_null"), "EMFILE");
    CHECK_EQ(result.get("mq_open_existing"), "EMFILE");
    CHECK_EQ(result.get("mq_open_create"), "EMFILE");
    CHECK_EQ(result.get("new_name_afterwards"), "ENOENT");
    CHECK_EQ(result.get("mq_open_existing_limit_raised"), "opened");
}
