// PIPE-31 (edge; pipe(7) /proc/sys/fs/pipe-user-pages-soft "the total size
// (in pages) of all pipes created or set by a single unprivileged user ...
// Once this limit is reached, new pipes are allocated the minimum capacity";
// the kernel's fix 46c4c9d1beb7 "pipe: increase minimum default pipe size to
// 2 pages"): a user whose pipes already hold pipe-user-pages-soft pages gets
// smaller pipes (one page, two since that fix), and such a pipe still works:
// filled, then drained of all but one byte, it takes one more byte without
// blocking (LTP's pipe15 regression, where that write hung).
//
// The limit is the host's (never changed here), and it counts per user: to
// reach it without shrinking the pipes of anyone else, a child of root takes
// a uid no process uses, makes pipes of the default size until the limit,
// and checks the next ones. Not root in the initial user namespace (as
// nobody, in a user namespace) that is impossible without touching another
// user's pipes, and the case SKIPs saying so.
#include <dirent.h>
#include <grp.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include "pipe_support.hpp"

namespace {

// How many pipes past the limit are checked.
constexpr int pipes_past_the_limit = 3;

struct Account {
    uid_t uid;
    int cannot_errno;  // a setup step failed (with this errno)
    char cannot[64];   // ... which one
    long first_size;   // F_GETPIPE_SZ of the user's first pipe
    long full_pipes;   // pipes made at first_size before a smaller one
    long past_sizes[pipes_past_the_limit];
    int past_errno;      // a pipe past the limit refused (pipe-user-pages-hard)
    long nofile_hard;    // the hard RLIMIT_NOFILE
    long nofile_needed;  // the descriptors reaching the limit takes
    long filled;         // bytes a non-blocking fill of the last pipe took
    long drained;        // bytes read back, all but one
    long one_more;       // the write of one more byte
    int one_more_errno;
};

// A uid that owns no process now: 0x70000000 + something from our pid.
uid_t unused_uid() {
    for (uid_t candidate = 0x70000000u + static_cast<uid_t>(::getpid() % 0x100000);; ++candidate) {
        bool used = false;
        if (DIR* d = ::opendir("/proc")) {
            while (dirent* e = ::readdir(d)) {
                struct stat st;
                if (e->d_name[0] < '0' || e->d_name[0] > '9') continue;
                if (::fstatat(::dirfd(d), e->d_name, &st, 0) == 0 && st.st_uid == candidate) used = true;
            }
            ::closedir(d);
        }
        if (!used) return candidate;
    }
}

void cannot(Account& r, const char* what) {
    r.cannot_errno = errno;
    std::snprintf(r.cannot, sizeof r.cannot, "%s", what);
}

int reach_the_limit(Account& r, long soft_pages, long page) {
    r.uid = unused_uid();
    if (::setgroups(0, nullptr) != 0 || ::setresgid(r.uid, r.uid, r.uid) != 0 || ::setresuid(r.uid, r.uid, r.uid) != 0)
        return cannot(r, "become a uid of its own"), 0;

    std::vector<ipc::Pipe> pipes;
    int fds[2];
    if (::pipe(fds) != 0) return cannot(r, "pipe"), 0;
    pipes.push_back({ipc::Fd(fds[0]), ipc::Fd(fds[1])});
    r.first_size = ::fcntl(fds[1], F_GETPIPE_SZ);
    r.full_pipes = 1;
    // Enough descriptors for the pipes the limit allows and a few more: the soft
    // RLIMIT_NOFILE raised as far as the hard one lets it.
    const auto need = static_cast<rlim_t>(2 * (soft_pages * page / r.first_size + pipes_past_the_limit + 1) + 64);
    rlimit nofile{};
    ::getrlimit(RLIMIT_NOFILE, &nofile);
    r.nofile_hard = static_cast<long>(nofile.rlim_max);
    r.nofile_needed = static_cast<long>(need);
    if (nofile.rlim_cur < need) {
        if (nofile.rlim_max < need) return 0;  // the parent skips: too few descriptors
        nofile.rlim_cur = need;
        if (::setrlimit(RLIMIT_NOFILE, &nofile) != 0) return cannot(r, "setrlimit(RLIMIT_NOFILE)"), 0;
    }
    // The default-size pipes, until one comes smaller (or far more than the limit allows).
    long size = r.first_size;
    while (size == r.first_size && r.full_pipes <= soft_pages * page / r.first_size + 1) {
        if (::pipe(fds) != 0) return r.past_errno = errno, 0;
        pipes.push_back({ipc::Fd(fds[0]), ipc::Fd(fds[1])});
        size = ::fcntl(fds[1], F_GETPIPE_SZ);
        if (size == r.first_size) ++r.full_pipes;
    }
    r.past_sizes[0] = size;
    for (int i = 1; i < pipes_past_the_limit; ++i) {
        if (::pipe(fds) != 0) return r.past_errno = errno, 0;
        pipes.push_back({ipc::Fd(fds[0]), ipc::Fd(fds[1])});
        r.past_sizes[i] = ::fcntl(fds[1], F_GETPIPE_SZ);
    }
    // pipe15: fill the last, drain all but one byte, and write one more.
    ipc::Pipe& last = pipes.back();
    ipc::set_nonblocking(last.w(), true);
    ipc::set_nonblocking(last.r(), true);
    r.filled = static_cast<long>(
        ipc::fill_until_refused(last.w(), static_cast<std::size_t>(r.past_sizes[pipes_past_the_limit - 1])).bytes);
    std::string buf(static_cast<std::size_t>(r.filled > 0 ? r.filled - 1 : 0), '\0');
    r.drained = buf.empty() ? 0 : ::read(last.r(), buf.data(), buf.size());
    errno = 0;
    r.one_more = ::write(last.w(), "x", 1);
    r.one_more_errno = errno;
    return 0;
}

}  // namespace

CLAIM("PIPE-31", "past pipe-user-pages-soft a user's new pipes are smaller and still take a byte after a drain") {
    const auto soft = ipc::sysctl_if_readable("/proc/sys/fs/pipe-user-pages-soft");
    const auto hard = ipc::sysctl_if_readable("/proc/sys/fs/pipe-user-pages-hard");
    if (!soft) ipc::skip("/proc/sys/fs/pipe-user-pages-soft cannot be read here");
    if (*soft == 0) ipc::skip("pipe-user-pages-soft is 0 here: no soft limit to reach");
    if (::geteuid() != 0 || !ipc::in_initial_user_namespace())
        ipc::skip("needs root in the initial user namespace to take a uid of its own: reaching "
                  "pipe-user-pages-soft as this user would shrink the pipes of every other process of the "
                  "same user (isolation: " +
                  ipc::isolation() + ")");
    const long page = ipc::page_size();
    ipc::evidence("page_size", page);
    if (*soft > 1L << 20)
        ipc::skip("pipe-user-pages-soft is " + std::to_string(*soft) + ": too many pipes to reach it");

    auto child =
        ipc::ReportingChild::fork([&](Account& r) { return reach_the_limit(r, static_cast<long>(*soft), page); });
    auto done = child.finish();
    ipc::evidence("child_status", done.status.describe());
    REQUIRE(done.status.exited_with(0));
    auto r = done.as<Account>();
    REQUIRE(r);
    if (r->cannot[0]) ipc::broken(std::string(r->cannot) + ": " + ipc::errno_name(r->cannot_errno));
    ipc::evidence("uid", static_cast<long>(r->uid));
    ipc::evidence("RLIMIT_NOFILE_hard", r->nofile_hard);
    ipc::evidence("descriptors_needed", r->nofile_needed);
    if (r->nofile_hard < r->nofile_needed)
        ipc::skip("reaching pipe-user-pages-soft takes " + std::to_string(r->nofile_needed) +
                  " descriptors, and the hard RLIMIT_NOFILE is " + std::to_string(r->nofile_hard));
    ipc::evidence("first_pipe_size", r->first_size);
    ipc::evidence("pipes_of_that_size", r->full_pipes);
    const long expected_full = *soft * page / r->first_size;
    ipc::evidence("pipes_the_limit_allows", expected_full);
    if (r->past_errno) {
        if (hard && *hard != 0)
            ipc::skip("pipe-user-pages-hard (" + std::to_string(*hard) +
                      ") refused a pipe first: " + ipc::errno_name(r->past_errno));
        FAIL("a pipe past pipe-user-pages-soft was refused: " << ipc::errno_name(r->past_errno));
    }
    CHECK_EQ(r->full_pipes, expected_full);
    std::string past;
    for (long s : r->past_sizes) past += (past.empty() ? "" : ", ") + std::to_string(s);
    ipc::evidence("sizes_past_the_limit", past);
    for (long s : r->past_sizes) {
        CHECK_MESSAGE((s == page || s == 2 * page),
                      "a pipe past the limit has " << s << " bytes, not one or two pages");
        CHECK_LT(s, r->first_size);
    }
    ipc::evidence("last_pipe.filled", r->filled);
    ipc::evidence("last_pipe.drained", r->drained);
    ipc::evidence("last_pipe.one_more_byte", ipc::describe(ipc::SyscallResult{r->one_more, r->one_more_errno}));
    CHECK_EQ(r->filled, r->past_sizes[pipes_past_the_limit - 1]);
    CHECK_EQ(r->drained, r->filled - 1);
    CHECK_EQ(ipc::SyscallResult{r->one_more, r->one_more_errno}, ipc::SyscallResult{1, 0});
}
