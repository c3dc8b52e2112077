// PIPE-27 (edge; pipe(2) ERRORS "EMFILE The per-process limit on the number
// of open file descriptors has been reached", getrlimit(2) RLIMIT_NOFILE): a
// pipe takes two descriptors, both or none. A child sets its soft
// RLIMIT_NOFILE so that exactly 2k + 1 descriptor numbers below it are free
// (k = 5): k pipes are made, the next pipe() and pipe2() fail with EMFILE, and
// the one descriptor left (the highest below the limit) is still free (no half pipe was kept); once one
// pipe is closed, pipe() succeeds again.
#include <sys/resource.h>

#include "pipe_support.hpp"

namespace {
constexpr int pipes_that_fit = 5;
}

CLAIM("PIPE-27", "at RLIMIT_NOFILE, pipe() and pipe2() fail with EMFILE, taking no descriptor") {
    auto child = ipc::ReportingChild::fork([](ipc::Report& r) {
        // The limit L under which exactly 2k + 1 descriptor numbers are free.
        const int probe = ::open("/dev/null", O_RDONLY);
        if (probe < 0) {
            r["cannot"] = "open /dev/null: " + ipc::errno_name(errno);
            return 0;
        }
        ::close(probe);
        int limit = 0, free_below = 0, held = 0;
        for (; free_below < 2 * pipes_that_fit + 1; ++limit) {
            if (::fcntl(limit, F_GETFD) == -1) ++free_below;
            else ++held;
        }
        rlimit old{};
        ::getrlimit(RLIMIT_NOFILE, &old);
        rlimit lowered = old;
        lowered.rlim_cur = static_cast<rlim_t>(limit);
        if (::setrlimit(RLIMIT_NOFILE, &lowered) != 0) {
            r["cannot"] = "setrlimit: " + ipc::errno_name(errno);
            return 0;
        }
        r["descriptors_held_below_limit"] = std::to_string(held);
        r["RLIMIT_NOFILE"] = std::to_string(lowered.rlim_cur);
        int made = 0, fds[2], first[2] = {-1, -1};
        int err = 0;
        for (;;) {
            if (::pipe(fds) != 0) {
                err = errno;
                break;
            }
            if (made == 0) first[0] = fds[0], first[1] = fds[1];
            if (++made > 2 * pipes_that_fit) break;  // the limit does not hold at all
        }
        r["pipes_made"] = std::to_string(made);
        r["pipe_at_limit"] = ipc::errno_name(err);
        int two[2];
        r["pipe2_at_limit"] = ::pipe2(two, O_CLOEXEC) == 0 ? "made" : ipc::errno_name(errno);
        const int last_free = static_cast<int>(lowered.rlim_cur) - 1;
        r["last_descriptor"] = ::fcntl(last_free, F_GETFD) == -1 ? "free" : "open";
        const int single = ::open("/dev/null", O_RDONLY);
        r["open_of_the_one_left"] = single >= 0 ? "opened" : ipc::errno_name(errno);
        if (single >= 0) ::close(single);
        ::close(first[0]);
        ::close(first[1]);
        r["pipe_after_closing_one"] = ::pipe(fds) == 0 ? "made" : ipc::errno_name(errno);
        return 0;
    });
    const auto result = child.finish("at_rlimit_nofile");
    REQUIRE(result.status.exited_with(0));
    if (result.report.count("cannot")) ipc::skip(result.get("cannot"));
    CHECK_EQ(result.get("pipes_made"), std::to_string(pipes_that_fit));
    CHECK_EQ(result.get("pipe_at_limit"), "EMFILE");
    CHECK_EQ(result.get("pipe2_at_limit"), "EMFILE");
    CHECK_EQ(result.get("last_descriptor"), "free");
    CHECK_EQ(result.get("open_of_the_one_left"), "opened");
    CHECK_EQ(result.get("pipe_after_closing_one"), "made");
}
