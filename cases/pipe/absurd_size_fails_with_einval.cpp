// PIPE-30 (edge; fcntl(2) F_SETPIPE_SZ, pipe(7): the kernel rounds the size
// up to a power-of-two number of pages and refuses, with EINVAL, a size it
// cannot round, above 2^31 bytes): F_SETPIPE_SZ of 2^31 + 1, of UINT_MAX and
// of LONG_MAX fails with EINVAL on either end, for a process with
// CAP_SYS_RESOURCE as for one without (EINVAL comes before the pipe-max-size
// check, never EPERM), and the capacity stays what it was.
#include <climits>
#include <linux/capability.h>

#include "pipe_support.hpp"

namespace {

struct Asked {
    const char* name;
    unsigned long size;
};
constexpr Asked absurd[] = {{"2^31+1", (1UL << 31) + 1}, {"UINT_MAX", UINT_MAX}, {"LONG_MAX", LONG_MAX}};

// What each absurd size gives on both ends of a fresh pipe, and whether the
// capacity stayed: "EINVAL EINVAL kept" when all is as claimed.
struct Outcome {
    char text[3][96];
    bool all_einval;
    bool kept;
};

Outcome ask_absurd() {
    Outcome o{};
    o.all_einval = true;
    auto p = ipc::Pipe::make();
    const long before = ::fcntl(p.w(), F_GETPIPE_SZ);
    for (int i = 0; i < 3; ++i) {
        errno = 0;
        const long on_read = ::fcntl(p.r(), F_SETPIPE_SZ, absurd[i].size);
        const int read_err = errno;
        errno = 0;
        const long on_write = ::fcntl(p.w(), F_SETPIPE_SZ, absurd[i].size);
        const int write_err = errno;
        const std::string text = "read end " + ipc::describe(ipc::SyscallResult{on_read, read_err}) + ", write end " +
                                 ipc::describe(ipc::SyscallResult{on_write, write_err});
        std::snprintf(o.text[i], sizeof o.text[i], "%s", text.c_str());
        if (!(on_read == -1 && read_err == EINVAL && on_write == -1 && write_err == EINVAL)) o.all_einval = false;
    }
    o.kept = ::fcntl(p.w(), F_GETPIPE_SZ) == before && ::fcntl(p.r(), F_GETPIPE_SZ) == before;
    return o;
}

void check(const Outcome& o, const std::string& who) {
    for (int i = 0; i < 3; ++i) ipc::evidence(who + ".F_SETPIPE_SZ_" + absurd[i].name, o.text[i]);
    ipc::evidence(who + ".capacity_kept", o.kept);
    CHECK_MESSAGE(o.all_einval, who << ": an absurd size was not refused with EINVAL on both ends");
    CHECK(o.kept);
}

}  // namespace

CLAIM("PIPE-30", "F_SETPIPE_SZ of a size above 2^31 bytes fails with EINVAL, with or without CAP_SYS_RESOURCE") {
    const bool privileged = ipc::capable(CAP_SYS_RESOURCE);
    ipc::evidence("CAP_SYS_RESOURCE", privileged);
    check(ask_absurd(), privileged ? "with_CAP_SYS_RESOURCE" : "without_CAP_SYS_RESOURCE");
    if (!privileged) return;
    // And again with no capability left at all (uid kept).
    auto child = ipc::ReportingChild::fork([](Outcome& o) {
        const int dropped = ipc::drop_all_capabilities();
        if (dropped != 0) return 2;
        o = ask_absurd();
        return 0;
    });
    auto done = child.finish();
    ipc::evidence("without_capabilities.status", done.status.describe());
    REQUIRE(done.status.exited_with(0));
    auto o = done.as<Outcome>();
    REQUIRE(o);
    check(*o, "without_CAP_SYS_RESOURCE");
}
