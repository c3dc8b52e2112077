// PSHM-19 (edge; memfd_create(2) and the kernel's admin-guide sysctl/vm
// "memfd_noexec" (since Linux 6.3): 0 leaves memfd_create as it was, 1 makes
// a memfd made without MFD_EXEC noexec-sealed, 2 also refuses MFD_EXEC with
// EACCES; the setting belongs to the pid namespace, a new one starts from
// its parent's and a child namespace cannot set it lower than its parent's):
// in a new pid namespace vm.memfd_noexec starts at its parent's value and can
// be raised to 2, after which a memfd made with no exec flag is 0666 with
// F_SEAL_EXEC and MFD_EXEC fails with EACCES; a pid namespace nested in it
// starts at 2 and cannot lower it (EINVAL); the parent's value is untouched.
// The sysctl is written only by pid 1 of a namespace this case made.
#include <sched.h>
#include <string>

#include "ipc/reporting_child.hpp"
#include "pshm_support.hpp"

namespace {
const char* const kSysctl = "/proc/sys/vm/memfd_noexec";

// The sysctl's value, without its newline ("" when it cannot be read).
std::string noexec_scope() {
    std::string text = ipc::read_text(kSysctl).value_or("");
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
    return text;
}

// Writes value to the sysctl: "ok" or the errno name.
std::string set_noexec_scope(const std::string& value) {
    ipc::Fd fd(::open(kSysctl, O_WRONLY | O_CLOEXEC));
    if (fd.get() < 0) return ipc::errno_name(errno);
    return ipc::outcome_of(::write(fd.get(), value.data(), value.size()) == static_cast<ssize_t>(value.size()) ? 0
                                                                                                               : -1);
}

// The pid namespace a process is in, as /proc/self/ns/pid names it.
std::string own_pid_namespace() {
    char target[64] = {};
    const ssize_t length = ::readlink("/proc/self/ns/pid", target, sizeof target - 1);
    return length > 0 ? std::string(target, static_cast<std::size_t>(length)) : "";
}

// memfd_create(flags): "ok <mode> <seals>" or the errno name.
std::string made_memfd(unsigned flags) {
    const int fd = ::memfd_create("ipc-claims-noexec-scope", flags);
    if (fd < 0) return ipc::errno_name(errno);
    struct stat st {};
    ::fstat(fd, &st);
    char mode[8];
    std::snprintf(mode, sizeof mode, "0%03o", static_cast<unsigned>(st.st_mode & 07777));
    const std::string made = std::string("ok ") + mode + " " + pshm::seals_named(::fcntl(fd, F_GET_SEALS));
    ::close(fd);
    return made;
}

// In a child made after unshare(CLONE_NEWPID): whether it is pid 1 of a pid
// namespace other than outer, the one condition under which it may write.
bool in_new_pid_namespace(const std::string& outer, ipc::Report& r) {
    r["pid"] = std::to_string(::getpid());
    r["pid_namespace"] = own_pid_namespace();
    return ::getpid() == 1 && !outer.empty() && r["pid_namespace"] != outer;
}
}  // namespace

CLAIM("PSHM-19",
      "vm.memfd_noexec belongs to the pid namespace: raised to 2 in a new one it binds there, nested ones keep it") {
    const std::string before = noexec_scope();
    if (before.empty()) ipc::skip("there is no vm.memfd_noexec here: the kernel lacks it (Linux 6.3)");
    ipc::evidence("outer.memfd_noexec", before);
    const std::string outer = own_pid_namespace();
    if (::unshare(CLONE_NEWPID) != 0)
        ipc::skip("unshare(CLONE_NEWPID) fails with " + ipc::errno_name(errno) +
                  ": a pid namespace cannot be made here (it needs CAP_SYS_ADMIN)");

    auto child = ipc::ReportingChild::fork([&](ipc::Report& r) {
        if (!in_new_pid_namespace(outer, r)) return 3;
        r["inherited"] = noexec_scope();
        r["write_2"] = set_noexec_scope("2");
        if (r["write_2"] != "ok") return 0;
        r["after_write"] = noexec_scope();
        r["memfd.no_exec_flag"] = made_memfd(MFD_CLOEXEC | MFD_ALLOW_SEALING);
        r["memfd.MFD_EXEC"] = made_memfd(MFD_CLOEXEC | MFD_EXEC);

        const std::string middle = own_pid_namespace();
        if (::unshare(CLONE_NEWPID) != 0) return 4;
        auto nested = ipc::ReportingChild::fork([&](ipc::Report& n) {
            if (!in_new_pid_namespace(middle, n)) return 3;
            n["inherited"] = noexec_scope();
            n["write_1"] = set_noexec_scope("1");
            n["after_write"] = noexec_scope();
            n["memfd.MFD_EXEC"] = made_memfd(MFD_CLOEXEC | MFD_EXEC);
            return 0;
        });
        auto seen = nested.finish();
        r["nested.status"] = seen.status.describe();
        for (const auto& [key, value] : seen.report) r["nested." + key] = value;
        return 0;
    });
    auto seen = child.finish("child");
    REQUIRE(seen.status.exited_with(0));
    const std::string write_2 = seen.get("write_2");
    if (write_2 == "EACCES" || write_2 == "EPERM")
        ipc::skip("vm.memfd_noexec cannot be written in a pid namespace of ours (" + write_2 +
                  "): /proc/sys belongs to the initial user namespace's root");
    CHECK_EQ(seen.get("inherited"), before);
    CHECK_EQ(write_2, "ok");
    CHECK_EQ(seen.get("after_write"), "2");
    CHECK_EQ(seen.get("memfd.no_exec_flag"), "ok 0666 F_SEAL_EXEC");
    CHECK_EQ(seen.get("memfd.MFD_EXEC"), "EACCES");
    CHECK_EQ(seen.get("nested.status"), "exited with code 0");
    CHECK_EQ(seen.get("nested.inherited"), "2");
    CHECK_EQ(seen.get("nested.write_1"), "EINVAL");
    CHECK_EQ(seen.get("nested.after_write"), "2");
    CHECK_EQ(seen.get("nested.memfd.MFD_EXEC"), "EACCES");

    ipc::evidence("outer.memfd_noexec_after", noexec_scope());
    CHECK_EQ(noexec_scope(), before);
}
