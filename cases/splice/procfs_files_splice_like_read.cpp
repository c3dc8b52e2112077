// SPLICE-15 (edge; splice(2) with fd_in or fd_out a file; proc(5)
// /proc/sys): splice from a /proc/sys file into a pipe gives the text read(2)
// gives, and splice from a pipe into a writable /proc/sys file sets it as
// write(2) would (kernel.domainname in a UTS namespace of the case's own).
#include <sched.h>

#include "splice_support.hpp"

namespace {

// The text of path as splice moves it into a pipe (at most 4096 bytes).
std::string spliced_text(const std::string& path, const std::string& key) {
    auto file = spl::open_file(path, O_RDONLY);
    auto p = ipc::Pipe::make();
    auto r = spl::splice(key, file.get(), nullptr, p.w(), nullptr, 4096);
    if (!r.ok()) return "(" + ipc::describe(r) + ")";
    return spl::read_held(p.r(), static_cast<std::size_t>(r.value));
}

}  // namespace

CLAIM("SPLICE-15", "splice reads /proc/sys files as read does, and writes them as write does") {
    spl::require_calls(spl::uses_splice);
    int observed = 0;  // the parts of the claim seen here
    for (const char* path : {"/proc/sys/fs/pipe-max-size", "/proc/sys/kernel/domainname", "/proc/sys/kernel/ostype"}) {
        auto read_text = ipc::read_text(path);
        if (!read_text) {
            ipc::skip_part(std::string("read.") + path, "unreadable here: " + ipc::errno_name(errno));
            continue;
        }
        auto first_line = [](const std::string& text) { return text.substr(0, text.find('\n')); };
        ipc::evidence(std::string("read.") + path, first_line(*read_text));
        const std::string spliced = spliced_text(path, std::string("splice.") + path);
        ipc::evidence(std::string("spliced.") + path, first_line(spliced));
        CHECK_EQ(spliced, *read_text);
        ++observed;
    }

    // Writing: kernel.domainname of a UTS namespace of the child's own.
    auto writer = ipc::ReportingChild::fork([&](ipc::Report& r) {
        if (::unshare(CLONE_NEWUTS) != 0) {
            r["unshare"] = ipc::errno_name(errno);
            return 0;
        }
        r["unshare"] = "ok";
        int out = ::open("/proc/sys/kernel/domainname", O_WRONLY | O_CLOEXEC);
        if (out < 0) {
            r["open"] = ipc::errno_name(errno);
            return 0;
        }
        int fds[2];
        if (::pipe(fds) != 0) return 99;
        const std::string name = "ipc-claims-splice";
        if (::write(fds[1], name.data(), name.size()) != static_cast<ssize_t>(name.size())) return 99;
        errno = 0;
        const ssize_t n = ::splice(fds[0], nullptr, out, nullptr, name.size(), 0);
        r["splice"] = n < 0 ? ipc::errno_name(errno) : std::to_string(n);
        ::close(out);
        auto now = ipc::read_text("/proc/sys/kernel/domainname");
        r["domainname_after"] = now ? now->substr(0, now->find('\n')) : "(unreadable)";
        return 0;
    });
    auto result = writer.finish("writer");
    REQUIRE(result.status.exited_with(0));
    std::string unwritable;
    if (result.get("unshare") != "ok")
        unwritable = "no UTS namespace of its own to write kernel.domainname in (" + result.get("unshare") + ")";
    else if (result.get("open") != "(not reported)")
        unwritable = "kernel.domainname not writable here (" + result.get("open") + ")";
    if (!unwritable.empty()) {
        if (observed == 0) ipc::skip("no /proc/sys file to splice here: none readable, and " + unwritable);
        ipc::skip_part("write", unwritable);
        return;
    }
    CHECK_EQ(result.get("splice"), "17");
    CHECK_EQ(result.get("domainname_after"), "ipc-claims-splice");
}
