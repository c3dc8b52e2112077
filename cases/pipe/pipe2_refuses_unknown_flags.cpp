// PIPE-25 (edge; pipe(2) ERRORS "EINVAL (pipe2()) Invalid value in flags"):
// pipe2 knows O_CLOEXEC, O_NONBLOCK and O_DIRECT (and O_NOTIFICATION_PIPE,
// which is O_EXCL, where watch queues are built in); any other flag bit, alone
// or beside known ones, and a value such as 0xDEAD, makes it fail with EINVAL
// and make no pipe: the array passed is left as it was and no descriptor is
// opened (the lowest free descriptor number stays free).
#include "pipe_support.hpp"

namespace {

// The lowest descriptor number not in use.
int lowest_free() {
    const int fd = static_cast<int>(ipc::must(::open("/dev/null", O_RDONLY | O_CLOEXEC), "open /dev/null"));
    ::close(fd);
    return fd;
}

struct Asked {
    std::string name;
    int flags;
};

std::string hex(unsigned v) {
    char b[16];
    std::snprintf(b, sizeof b, "0x%x", v);
    return b;
}

}  // namespace

CLAIM("PIPE-25", "pipe2 with an unknown flag fails with EINVAL and makes no pipe") {
    const unsigned known = O_CLOEXEC | O_NONBLOCK | O_DIRECT | O_EXCL;  // O_EXCL: O_NOTIFICATION_PIPE
    std::vector<Asked> asked{{"0xDEAD", 0xDEAD}};
    for (int bit = 0; bit < 32; ++bit) {
        const unsigned flag = 1u << bit;
        if (flag & known) continue;
        asked.push_back({"bit_" + hex(flag), static_cast<int>(flag)});
    }
    asked.push_back({"O_NONBLOCK|O_CLOEXEC|O_TRUNC", O_NONBLOCK | O_CLOEXEC | O_TRUNC});
    ipc::evidence("bits_checked", static_cast<long>(asked.size()));

    const int free_before = lowest_free();
    ipc::evidence("lowest_free_descriptor", free_before);
    std::string refused_otherwise;
    for (const Asked& a : asked) {
        int fds[2] = {-7, -7};
        auto got = ipc::capture([&] { return ::pipe2(fds, a.flags); });
        if (got.ok()) {
            ::close(fds[0]);
            ::close(fds[1]);
        }
        const bool as_claimed = got == ipc::SyscallResult::failure(EINVAL) && fds[0] == -7 && fds[1] == -7;
        if (!as_claimed)
            refused_otherwise += (refused_otherwise.empty() ? "" : ", ") + a.name + ": " + ipc::describe(got) +
                                 " fds " + std::to_string(fds[0]) + "," + std::to_string(fds[1]);
        CHECK_MESSAGE(got == ipc::SyscallResult::failure(EINVAL), "pipe2(" << a.name << ") " << ipc::describe(got));
        CHECK_MESSAGE((fds[0] == -7 && fds[1] == -7), "pipe2(" << a.name << ") wrote descriptors into the array");
    }
    ipc::evidence("not_refused_with_EINVAL", refused_otherwise.empty() ? "none" : refused_otherwise);
    const int free_after = lowest_free();
    ipc::evidence("lowest_free_descriptor_after", free_after);
    CHECK_EQ(free_after, free_before);
}
