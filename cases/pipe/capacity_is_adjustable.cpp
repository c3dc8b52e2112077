// PIPE-13 (fix §1.6; fcntl(2) F_SETPIPE_SZ, pipe(7) /proc/sys/fs/pipe-max-size):
// the capacity is not fixed at 64 KiB as the document says. F_SETPIPE_SZ sets
// it from either end (both then report it), rounded up to a power-of-two
// number of pages (at least one page, for a size of 0 too), up to
// pipe-max-size; past that an unprivileged process gets EPERM (one with
// CAP_SYS_RESOURCE may go on); shrinking below the page buffers the data
// occupies gives EBUSY and keeps the data. pipe-max-size is read from
// /proc/sys/fs; where that cannot be read (gVisor has no /proc/sys/fs) it is
// measured by behaviour, labelled so (`pipe_max_size.source`): the largest
// size an unprivileged process may set. With neither, the two parts that need
// the limit are skipped with the reason (`<part>.skipped`), the others checked.
#include <linux/capability.h>
#include <optional>

#include "pipe_support.hpp"

namespace {

// The smallest power-of-two number of pages holding n bytes.
long round_to_pages(long n, long page) {
    long size = page;
    while (size < n) size *= 2;
    return size;
}

ipc::SyscallResult set_size(int fd, long size) {
    return ipc::capture([&] { return ::fcntl(fd, F_SETPIPE_SZ, static_cast<int>(size)); });
}

long get_size(int fd) { return ipc::must(::fcntl(fd, F_GETPIPE_SZ), "fcntl(F_GETPIPE_SZ)"); }

// pipe-max-size from the strongest source: the sysctl; else measured: the
// largest power-of-two number of pages an unprivileged process (uid 65534 in
// a child, when root) may set, doubling from one page until refused (at most
// 128 MiB, past which a user's pipe-user-pages-soft would refuse anyway).
struct MaxSize {
    std::optional<long> value;
    std::string why_not;
};

struct Probe {
    long largest;
    long refused_at;
    int err;
    int drop_err;
};

Probe probe_unprivileged_max(long page) {
    Probe r{0, 0, 0, 0};
    auto p = ipc::Pipe::make();
    for (long size = page; size <= (128L << 20); size *= 2) {
        errno = 0;
        if (::fcntl(p.w(), F_SETPIPE_SZ, static_cast<int>(size)) < 0) {
            r.refused_at = size;
            r.err = errno;
            break;
        }
        r.largest = size;
    }
    return r;
}

// Root measures as nobody (uid 65534) in a child: measure()'s result, with
// drop_err saying why the child could not drop (0 when it did).
template <class T, class Measure>
T as_nobody(Measure measure) {
    auto child = ipc::ReportingChild::fork([&](T& r) {
        const int dropped = ipc::drop_to_nobody();
        if (dropped == 0) r = measure();
        r.drop_err = dropped;
        return 0;
    });
    auto done = child.finish();
    REQUIRE(done.status.exited_with(0));
    auto r = done.template as<T>();
    REQUIRE(r);
    return *r;
}

MaxSize pipe_max_size(long page) {
    if (auto value = ipc::sysctl_if_readable("/proc/sys/fs/pipe-max-size")) return {static_cast<long>(*value), ""};
    const bool root = ::geteuid() == 0;
    if (!root && ipc::capable(CAP_SYS_RESOURCE))
        return {std::nullopt, "pipe-max-size unreadable, and with CAP_SYS_RESOURCE but not root there is no "
                              "unprivileged user to measure it as"};
    const Probe r = root ? as_nobody<Probe>([&] { return probe_unprivileged_max(page); })
                         : probe_unprivileged_max(page);
    if (r.drop_err != 0)
        return {std::nullopt, "pipe-max-size unreadable, and root cannot become nobody to measure it: " +
                                  ipc::errno_name(r.drop_err)};
    ipc::evidence("pipe_max_size.source", std::string("F_SETPIPE_SZ probe as uid ") + (root ? "65534" : "of the case") +
                                              ": the largest size accepted, doubling from one page");
    ipc::evidence("pipe_max_size.measured", r.largest);
    ipc::evidence("pipe_max_size.refused_at", r.refused_at
                                                  ? std::to_string(r.refused_at) + " (" + ipc::errno_name(r.err) + ")"
                                                  : std::string("never, up to 128 MiB"));
    if (r.refused_at == 0)
        return {std::nullopt,
                "an unprivileged F_SETPIPE_SZ was refused nowhere up to 128 MiB: no limit to test against"};
    if (r.largest == 0)
        return {std::nullopt, "an unprivileged F_SETPIPE_SZ of one page was refused: " + ipc::errno_name(r.err)};
    return {r.largest, ""};
}

// Asked from either end (alternately), the size is rounded up and both ends report it.
void sizes_round_up_to_power_of_two_pages(long page) {
    auto p = ipc::Pipe::make();
    ipc::evidence("default_size", get_size(p.w()));
    bool from_read_end = true;
    for (long asked : {0L, 1L, page + 1, 3 * page, 5 * page - 1, page}) {
        const long expected = round_to_pages(asked, page);
        const int fd = from_read_end ? p.r() : p.w();
        auto got = set_size(fd, asked);
        ipc::evidence("asked_" + std::to_string(asked) + (from_read_end ? "_on_read_end" : "_on_write_end"),
                      ipc::describe(got) + ", F_GETPIPE_SZ " + std::to_string(get_size(p.r())) + " (read end), " +
                          std::to_string(get_size(p.w())) + " (write end)");
        CHECK_EQ(got, ipc::SyscallResult{expected, 0});
        CHECK_EQ(get_size(p.r()), expected);
        CHECK_EQ(get_size(p.w()), expected);
        from_read_end = !from_read_end;
    }
}

void raised_to_the_limit_holds_that_much(const MaxSize& limit, long page) {
    if (!limit.value) return ipc::skip_part("raised_to_pipe_max_size", limit.why_not);
    // A very large limit is not filled: 8 MiB proves the point.
    const long target = std::min(*limit.value, round_to_pages(8L << 20, page));
    auto p = ipc::Pipe::make();
    auto got = set_size(p.w(), target);
    ipc::evidence("raised_to", ipc::describe(got));
    REQUIRE_EQ(got, ipc::SyscallResult{target, 0});
    ipc::set_nonblocking(p.w(), true);
    const auto filled = static_cast<long>(ipc::fill_until_eagain(p.w(), static_cast<std::size_t>(page)));
    ipc::evidence("filled_after_raise", filled);
    CHECK_EQ(filled, target);
}

// 2 pages + 1 byte take 3 page buffers: shrinking to 2 is EBUSY and keeps the data, to 4 is fine.
void shrinking_below_held_data_is_ebusy(long page) {
    auto p = ipc::Pipe::make();
    const std::string data(static_cast<std::size_t>(2 * page + 1), 'd');
    REQUIRE(ipc::write_all(p.w(), data));
    auto shrink = set_size(p.w(), 2 * page);
    ipc::evidence("shrink_to_2_pages_holding_2_pages_plus_1", ipc::describe(shrink));
    CHECK_EQ(shrink, ipc::SyscallResult::failure(EBUSY));
    CHECK_EQ(support::unread_bytes(p.r()), static_cast<long>(data.size()));
    auto fits = set_size(p.w(), 4 * page);
    ipc::evidence("shrink_to_4_pages", ipc::describe(fits));
    CHECK_EQ(fits, ipc::SyscallResult{4 * page, 0});
    CHECK_EQ(ipc::read_exactly(p.r(), data.size()), data);
}

// Buffers, not bytes: three writes of a byte over half a page do not share
// buffers (a write merges into the last buffer only whole), so fewer bytes
// than two pages hold three buffers.
void shrinking_counts_buffers_not_bytes(long page) {
    auto three = ipc::Pipe::make();
    const std::string half(static_cast<std::size_t>(page / 2 + 1), 'h');
    for (int i = 0; i < 3; ++i) REQUIRE(ipc::write_all(three.w(), half));
    auto by_buffers = set_size(three.w(), 2 * page);
    ipc::evidence("shrink_to_2_pages_holding_3_writes_of_half_a_page_plus_1", ipc::describe(by_buffers));
    CHECK_EQ(by_buffers, ipc::SyscallResult::failure(EBUSY));
}

// And three 1-byte packets (pipe2(O_DIRECT)) take three buffers.
void shrinking_counts_packets_as_buffers(long page) {
    int fds[2];
    if (::pipe2(fds, O_DIRECT) != 0)
        return ipc::evidence("packets_shrink", "not checked: pipe2(O_DIRECT) " + ipc::errno_name(errno));
    ipc::Fd r(fds[0]), w(fds[1]);
    for (int i = 0; i < 3; ++i) REQUIRE(ipc::write_all(fds[1], "p"));
    auto packets = set_size(fds[1], 2 * page);
    ipc::evidence("shrink_to_2_pages_holding_3_one_byte_packets", ipc::describe(packets));
    CHECK_EQ(packets, ipc::SyscallResult::failure(EBUSY));
}

struct Attempt {
    long value;
    int err;
    uid_t uid;
    int drop_err;
};

// F_SETPIPE_SZ of max + 1 by this process, unprivileged.
Attempt ask_past(long max) {
    auto p = ipc::Pipe::make();
    Attempt a{};
    a.uid = ::geteuid();
    errno = 0;
    a.value = ::fcntl(p.w(), F_SETPIPE_SZ, static_cast<int>(max + 1));
    a.err = errno;
    return a;
}

void past_the_limit_needs_cap_sys_resource(const MaxSize& limit) {
    if (!limit.value) return ipc::skip_part("past_pipe_max_size", limit.why_not);
    const long max = *limit.value;
    const long past = 2 * max;  // max + 1 rounds up to this
    ipc::evidence("isolation", ipc::isolation());
    ipc::evidence("in_initial_user_namespace", ipc::in_initial_user_namespace());
    const bool privileged = ipc::capable(CAP_SYS_RESOURCE);
    ipc::evidence("CAP_SYS_RESOURCE", privileged);

    // This process itself: past the limit only with CAP_SYS_RESOURCE (uid 0 alone is not enough).
    if (past <= (1L << 31)) {
        auto p = ipc::Pipe::make();
        auto self = set_size(p.w(), max + 1);
        ipc::evidence("this_process_past_limit", ipc::describe(self) + " (uid " + std::to_string(::geteuid()) + ")");
        CHECK_EQ(self, privileged ? ipc::SyscallResult{past, 0} : ipc::SyscallResult::failure(EPERM));
    }
    if (::geteuid() != 0 && privileged)
        ipc::skip("CAP_SYS_RESOURCE without being root: no unprivileged user to become");
    // Root asks again as nobody; not root: in a user namespace, its capabilities do not count here.
    const Attempt a = ::geteuid() == 0 ? as_nobody<Attempt>([&] { return ask_past(max); }) : ask_past(max);
    if (a.drop_err != 0) ipc::skip("root, but cannot become nobody: " + ipc::errno_name(a.drop_err));
    ipc::SyscallResult result{a.value, a.err};
    ipc::evidence("unprivileged_uid", static_cast<long>(a.uid));
    ipc::evidence("unprivileged_past_limit", ipc::describe(result));
    CHECK_EQ(result, ipc::SyscallResult::failure(EPERM));
}

}  // namespace

CLAIM("PIPE-13", "F_SETPIPE_SZ adjusts the capacity up to pipe-max-size; EPERM past it, EBUSY below the data") {
    const long page = ipc::page_size();
    const MaxSize limit = pipe_max_size(page);
    ipc::sysctl_if_readable("/proc/sys/fs/pipe-user-pages-soft");
    ipc::sysctl_if_readable("/proc/sys/fs/pipe-user-pages-hard");
    ipc::evidence("page_size", page);

    SUBCASE("sizes are rounded up to a power-of-two number of pages") { sizes_round_up_to_power_of_two_pages(page); }
    SUBCASE("raised to pipe-max-size, the pipe holds that much") { raised_to_the_limit_holds_that_much(limit, page); }
    SUBCASE("shrinking below the buffers the data occupies is EBUSY") {
        shrinking_below_held_data_is_ebusy(page);
        shrinking_counts_buffers_not_bytes(page);
        shrinking_counts_packets_as_buffers(page);
    }
    SUBCASE("past pipe-max-size: EPERM unless CAP_SYS_RESOURCE") { past_the_limit_needs_cap_sys_resource(limit); }
}
