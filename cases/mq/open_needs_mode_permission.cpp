// MQ-24 (mq_open(3) ERRORS EACCES "The queue exists, but the caller does not
// have permission to open it in the specified mode"; mq_overview(7) "Message
// queues ... have permissions like files"): opening an existing queue needs
// the read bit of its mode for O_RDONLY, the write bit for O_WRONLY and both
// for O_RDWR. An owner without capabilities (CAP_DAC_OVERRIDE given up in a
// child: as root, as nobody and in a user namespace alike) makes queues of
// mode 0000, 0400 and 0200 and opens each in the three ways: EACCES exactly
// where the bit is missing. Another user (nobody) meets root's 0700 queue
// through its "other" bits: EACCES for every open.
#include <sys/stat.h>

#include "mq_support.hpp"

namespace {
// "O_RDONLY:opened O_WRONLY:EACCES O_RDWR:EACCES" for the queue `name`.
std::string opens(const std::string& name) {
    std::string line;
    for (auto [flag, text] : {std::pair{O_RDONLY, "O_RDONLY"}, {O_WRONLY, "O_WRONLY"}, {O_RDWR, "O_RDWR"}}) {
        const mqd_t q = ::mq_open(name.c_str(), flag);
        line += (line.empty() ? "" : " ") + std::string(text) + ":" +
                (q == -1 ? ipc::errno_name(errno) : std::string("opened"));
        if (q != -1) ::mq_close(q);
    }
    return line;
}
}  // namespace

CLAIM("MQ-24", "mq_open of an existing queue needs its mode's read and write bits (EACCES)") {
    auto owner = ipc::ReportingChild::fork([&](ipc::Report& r) {
        if (int err = ipc::drop_all_capabilities(); err != 0) {
            r["skip"] = "cannot give up every capability: " + ipc::errno_name(err);
            return ipc::exit_skip;
        }
        const mode_t mask = ::umask(0);
        for (mode_t mode : {0000u, 0400u, 0200u}) {
            mqcase::UnlinkName name(mqcase::fresh_name("perm"));
            const mqd_t q = ::mq_open(name.name().c_str(), O_CREAT | O_EXCL | O_RDWR, mode, nullptr);
            r["mode_0" + std::to_string(mode >> 6) + "00"] = q == -1 ? "create: " + ipc::errno_name(errno)
                                                                     : opens(name.name());
            if (q != -1) ::mq_close(q);
        }
        ::umask(mask);
        return 0;
    });
    const auto seen = owner.finish("owner_without_capabilities");
    if (seen.status.exited_with(ipc::exit_skip)) ipc::skip(seen.get("skip"));
    REQUIRE(seen.status.exited_with(0));
    CHECK_EQ(seen.get("mode_0000"), "O_RDONLY:EACCES O_WRONLY:EACCES O_RDWR:EACCES");
    CHECK_EQ(seen.get("mode_0400"), "O_RDONLY:opened O_WRONLY:EACCES O_RDWR:EACCES");
    CHECK_EQ(seen.get("mode_0200"), "O_RDONLY:EACCES O_WRONLY:opened O_RDWR:EACCES");

    // Another user: root's 0700 queue, opened by nobody.
    mqcase::UnlinkName name(mqcase::fresh_name("root0700"));
    const mqd_t q = ::mq_open(name.name().c_str(), O_CREAT | O_EXCL | O_RDWR, 0700, nullptr);
    REQUIRE_MESSAGE(q != -1, "mq_open(O_CREAT, 0700): " << ipc::errno_name(errno));
    ::mq_close(q);
    auto other = ipc::ReportingChild::fork_as_nobody([&](ipc::Report& r) {
        r["mode_0700"] = opens(name.name());
        return 0;
    });
    const auto as_other = other.finish("as_nobody");
    if (as_other.status.exited_with(ipc::exit_skip)) ipc::skip_part("other_user", as_other.get("skip"));
    else {
        REQUIRE(as_other.status.exited_with(0));
        CHECK_EQ(as_other.get("mode_0700"), "O_RDONLY:EACCES O_WRONLY:EACCES O_RDWR:EACCES");
    }
}
