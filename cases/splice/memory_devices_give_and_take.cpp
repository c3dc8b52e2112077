// SPLICE-14 (edge; null(4) "Data written to /dev/null and /dev/zero special
// files is discarded. Reads from /dev/null always return end of file ...
// whereas reads from /dev/zero always return bytes containing zero";
// full(4) "Reads from the /dev/full device will return \0 characters";
// splice(2)): splice from /dev/zero or /dev/full into a pipe moves as many
// zero bytes as asked for, and splice from a pipe into /dev/null (or
// /dev/zero) takes all the bytes asked for out of the pipe. Before Linux 6.7
// /dev/zero and /dev/full refuse splice with EINVAL: those parts are skipped.
#include <algorithm>

#include "splice_support.hpp"

CLAIM("SPLICE-14", "splice from /dev/zero or /dev/full gives zeros; into /dev/null it swallows the bytes") {
    spl::require_calls(spl::uses_splice);
    const long capacity = ipc::Pipe::make().capacity();
    ipc::evidence("F_GETPIPE_SZ", capacity);
    for (const std::string device : {"/dev/zero", "/dev/full"}) {
        const std::string name = device.substr(5);
        auto dev = spl::open_file(device, O_RDONLY);
        for (long n = 1009; n <= std::min(9 * 1009L, capacity); n += 3 * 1009) {
            const std::string key = "splice." + name + "." + std::to_string(n);
            auto p = ipc::Pipe::make();
            auto r = spl::splice(key, dev.get(), nullptr, p.w(), nullptr, static_cast<std::size_t>(n));
            if (r == ipc::SyscallResult::failure(EINVAL)) {
                // /dev/zero and /dev/full have a splice_read again since Linux 6.7 (LTP's splice08 needs 6.7).
                ipc::skip_part("splice_from." + name,
                               "splice from " + device + " is refused here (EINVAL), as before Linux 6.7");
                break;
            }
            CHECK_EQ(r, spl::moved(n));
            CHECK(spl::reads_back(p.r(), std::string(static_cast<std::size_t>(n), '\0'), key + ".pipe"));
        }
    }

    auto p = ipc::Pipe::make();
    const std::string bytes = spl::pattern(1024);
    {
        auto null = spl::open_file("/dev/null", O_WRONLY);
        REQUIRE(ipc::write_all(p.w(), bytes));
        CHECK_EQ(spl::splice("splice.to_dev_null", p.r(), nullptr, null.get(), nullptr, 1024), spl::moved(1024));
        CHECK_EQ(spl::unread(p.r(), "pipe.unread_after_dev_null"), 0);
    }
    {
        auto zero = spl::open_file("/dev/zero", O_WRONLY);
        REQUIRE(ipc::write_all(p.w(), bytes));
        auto r = spl::splice("splice.to_dev_zero", p.r(), nullptr, zero.get(), nullptr, 1024);
        if (r == ipc::SyscallResult::failure(EINVAL)) {
            ipc::skip_part("splice.to_dev_zero", "/dev/zero takes no splice here (EINVAL), as before Linux 6.7");
        } else {
            CHECK_EQ(r, spl::moved(1024));
            CHECK_EQ(spl::unread(p.r(), "pipe.unread_after_dev_zero"), 0);
        }
    }
}
