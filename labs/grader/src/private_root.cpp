#include "private_root.hpp"

#include <algorithm>
#include <cerrno>
#include <fcntl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <utility>
#include <vector>

#include "ipc/error.hpp"

namespace grading {
namespace fs = std::filesystem;

namespace {

// Where the programs' tools live; shown read-only, or as the host's symlinks
// (/bin -> usr/bin on a merged-/usr system).
constexpr const char* system_dirs[] = {"usr", "etc", "bin", "sbin", "lib", "lib32", "lib64", "libx32"};
constexpr const char* device_files[] = {"null", "zero", "full", "random", "urandom", "tty"};
// A scenario writes little; a submission that fills them meets ENOSPC, not
// the host's disk.
constexpr const char* tmp_options = "mode=1777,size=64m,nr_inodes=16384";
constexpr const char* shm_options = "mode=1777,size=16m,nr_inodes=4096";

// The flags a remount must keep: in a user namespace the kernel refuses to
// clear those the mount already has (they are locked).
unsigned long flags_to_keep(const fs::path& mount_point) {
    struct statvfs s {};
    if (::statvfs(mount_point.c_str(), &s) != 0) return 0;
    const std::pair<unsigned long, unsigned long> map[] = {{ST_NOSUID, MS_NOSUID},         {ST_NODEV, MS_NODEV},
                                                           {ST_NOEXEC, MS_NOEXEC},         {ST_NOATIME, MS_NOATIME},
                                                           {ST_NODIRATIME, MS_NODIRATIME}, {ST_RELATIME, MS_RELATIME}};
    unsigned long flags = 0;
    for (auto [st, ms] : map)
        if (s.f_flag & st) flags |= ms;
    return flags;
}

// Absolute, normal, and without a trailing '/': comparable, and a name made
// by appending to it is a sibling's.
fs::path normal(const fs::path& p) {
    const fs::path n = fs::absolute(p).lexically_normal();
    return n.has_filename() ? n : n.parent_path();
}

// p is dir or below it.
bool is_under(const fs::path& p, const fs::path& dir) {
    const auto rel = p.lexically_relative(dir);
    return !rel.empty() && *rel.begin() != "..";
}

// The host's view of the system directories: already shown at their paths.
bool under_system_dir(const fs::path& p) {
    const auto first = std::next(p.begin());
    return first != p.end() &&
           std::any_of(std::begin(system_dirs), std::end(system_dirs), [&](const char* d) { return *first == d; });
}

// A coverage build: gcov writes its counts (.gcda) beside these notes.
bool has_gcov_notes(const fs::path& dir) {
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(dir, ec))
        if (e.path().extension() == ".gcno") return true;
    return false;
}

// The new root, built under base; every path is given as the programs will
// see it.
class RootBuilder {
public:
    explicit RootBuilder(fs::path base) : base_(std::move(base)) {}

    fs::path at(const fs::path& inside) const { return base_ / inside.relative_path(); }

    void tmpfs(const fs::path& inside, const char* options, unsigned long flags = 0) {
        fs::create_directories(at(inside));
        ipc::check_call(::mount("tmpfs", at(inside).c_str(), "tmpfs", MS_NOSUID | MS_NODEV | flags, options),
                        "mount(tmpfs on " + inside.string() + ")");
    }

    // The host's path (a directory or a file) at the same path, nosuid.
    void bind(const fs::path& host, bool writable) {
        const fs::path to = at(host);
        if (fs::is_directory(host)) {
            fs::create_directories(to);
        } else {
            fs::create_directories(to.parent_path());
            const int fd = ::open(to.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
            if (fd >= 0) ::close(fd);
        }
        const std::string what = "bind " + host.string();
        ipc::check_call(::mount(host.c_str(), to.c_str(), nullptr, MS_BIND | MS_REC, nullptr), "mount(" + what + ")");
        remount(to, MS_NOSUID | (writable ? 0 : MS_RDONLY), what);
    }

    // A system directory as the host has it: a symlink, a read-only
    // directory, or nothing when the host has none.
    void system_dir(const std::string& name) {
        const fs::path host = "/" + name;
        std::error_code ec;
        const auto st = fs::symlink_status(host, ec);
        if (fs::is_symlink(st)) fs::create_symlink(fs::read_symlink(host), at(host));
        else if (fs::is_directory(st)) bind(host, false);
    }

    void symlink(const fs::path& target, const fs::path& inside) { fs::create_symlink(target, at(inside)); }

    void proc() {
        fs::create_directories(at("/proc"));
        ipc::check_call(::mount("proc", at("/proc").c_str(), "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, nullptr),
                        "mount(proc)");
    }

    // The root itself read-only, then it becomes the root; the old one is
    // detached (it stays the host's, unchanged). When the grader itself runs
    // in a chroot, whose root is no mount point, pivot_root is refused
    // (EINVAL): then a chroot, which the programs, without capabilities,
    // cannot leave.
    void pivot() {
        remount(base_, MS_RDONLY | MS_NOSUID | MS_NODEV, "the new root read-only");
        ipc::check_call(::chdir(base_.c_str()), "chdir(new root)");
        if (::syscall(SYS_pivot_root, ".", ".") == 0) ipc::check_call(::umount2(".", MNT_DETACH), "umount(old root)");
        else if (errno == EINVAL) ipc::check_call(::chroot("."), "chroot(new root)");
        else ipc::check_call(-1, "pivot_root");
        ipc::check_call(::chdir("/"), "chdir(/)");
    }

private:
    fs::path base_;

    static void remount(const fs::path& target, unsigned long flags, const std::string& what) {
        ipc::check_call(::mount(nullptr, target.c_str(), nullptr, MS_REMOUNT | MS_BIND | flags | flags_to_keep(target),
                                nullptr),
                        "remount(" + what + ")");
    }
};

// What the scenario sees of the host at the host's paths besides the system
// directories: its own directory (read-write), its programs' directories and
// stdin files (read-only), shallowest first so that none covers another.
std::vector<std::pair<fs::path, bool>> own_paths(const RunSpec& spec) {
    std::vector<std::pair<fs::path, bool>> paths{{normal(spec.dir), true}};
    auto add = [&](const fs::path& p, bool writable) {
        const fs::path n = normal(p);
        if (under_system_dir(n) || is_under(n, paths.front().first)) return;
        if (std::none_of(paths.begin(), paths.end(), [&](const auto& q) { return q.first == n; }))
            paths.emplace_back(n, writable);
    };
    for (const auto& p : spec.programs) {
        const fs::path program = p.argv.empty() ? fs::path() : fs::path(p.argv.front());
        if (program.has_parent_path()) add(program.parent_path(), has_gcov_notes(program.parent_path()));
        if (!p.stdin_file.empty()) add(p.stdin_file, false);
    }
    std::stable_sort(paths.begin(), paths.end(), [](const auto& a, const auto& b) {
        return std::distance(a.first.begin(), a.first.end()) < std::distance(b.first.begin(), b.first.end());
    });
    return paths;
}

}  // namespace

fs::path private_root_base(const RunSpec& spec) { return normal(spec.dir).string() + ".root"; }

std::string enter_private_root(const RunSpec& spec, const fs::path& base) {
    try {
        RootBuilder root(base);
        ipc::check_call(::mount("tmpfs", base.c_str(), "tmpfs", MS_NOSUID | MS_NODEV, "mode=0755,size=1m"),
                        "mount(tmpfs for the new root)");
        for (const char* d : system_dirs) root.system_dir(d);
        root.tmpfs("/tmp", tmp_options);
        root.tmpfs("/var/tmp", tmp_options);
        root.tmpfs("/dev", "mode=0755,size=64k", MS_NOEXEC);
        for (const char* d : device_files)
            if (fs::exists(fs::path("/dev") / d)) root.bind(fs::path("/dev") / d, true);
        root.symlink("/proc/self/fd", "/dev/fd");
        const char* std_names[] = {"stdin", "stdout", "stderr"};
        for (int fd = 0; fd < 3; ++fd)
            root.symlink("/proc/self/fd/" + std::to_string(fd), fs::path("/dev") / std_names[fd]);
        root.tmpfs("/dev/shm", shm_options, MS_NOEXEC);
        root.proc();
        for (const auto& [path, writable] : own_paths(spec)) root.bind(path, writable);
        root.pivot();
        return "";
    } catch (const std::exception& e) {
        ::umount2(base.c_str(), MNT_DETACH);
        return e.what();
    }
}

}  // namespace grading
