#include "uid_sweep.hpp"

#include <csignal>
#include <cstdlib>
#include <set>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "ipc/procfs.hpp"
#include "ipc/sysvipc.hpp"

namespace grading {
namespace fs = std::filesystem;

namespace {

// Real, effective, saved or filesystem uid is uid (the "Uid:" line of
// /proc/PID/status).
bool runs_as(const std::string& status, uid_t uid) {
    const auto at = status.find("\nUid:");
    if (at == std::string::npos) return false;
    std::istringstream ids(status.substr(at + 5, status.find('\n', at + 1) - at - 5));
    for (long long id; ids >> id;)
        if (id == static_cast<long long>(uid)) return true;
    return false;
}

void kill_processes(uid_t uid, std::vector<std::string>& found) {
    std::error_code ec;
    for (const auto& e : fs::directory_iterator("/proc", ec)) {
        const std::string pid = e.path().filename();
        if (pid.find_first_not_of("0123456789") != std::string::npos) continue;
        const auto status = ipc::read_text(e.path() / "status");
        if (!status || !runs_as("\n" + *status, uid)) continue;
        const std::string comm = ipc::read_text(e.path() / "comm").value_or("?\n");
        const bool killed = ::kill(std::stoi(pid), SIGKILL) == 0;
        found.push_back(fmt::format("process {} ({}) ({})", pid, comm.substr(0, comm.find('\n')),
                                    killed ? "killed" : "could not kill"));
    }
}

void remove_sysv_objects(uid_t uid, std::vector<std::string>& found) {
    for (const char* kind : {"shm", "msg", "sem"})
        for (const auto& o : ipc::sysvipc_objects(kind).value_or(std::vector<ipc::SysvObject>{}))
            if (o.cuid == uid)
                found.push_back(fmt::format("{} key {:#x} id {} ({})", kind, static_cast<unsigned>(o.key), o.id,
                                            ipc::remove_sysv_object(kind, o.id) ? "removed" : "could not remove"));
}

// Takes the entries of dir that uid owns; goes down into those anyone may
// write (never following a symlink).
void remove_files(const fs::path& dir, uid_t uid, std::vector<std::string>& found) {
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(dir, ec)) {
        struct stat st {};
        if (::lstat(e.path().c_str(), &st) != 0) continue;
        if (st.st_uid == uid) {
            std::error_code removed;
            fs::remove_all(e.path(), removed);
            found.push_back(e.path().string() +
                            (removed ? " (could not remove: " + removed.message() + ")" : " (removed)"));
        } else if (S_ISDIR(st.st_mode) && (st.st_mode & S_IWOTH)) {
            remove_files(e.path(), uid, found);
        }
    }
}

}  // namespace

std::vector<std::string> sweep_uid(uid_t uid, const std::vector<fs::path>& also) {
    std::vector<std::string> found;
    kill_processes(uid, found);
    remove_sysv_objects(uid, found);
    std::vector<fs::path> places{"/tmp", "/var/tmp", "/dev/shm", "/dev/mqueue", "/run/lock", "/var/lock"};
    if (const char* tmpdir = std::getenv("TMPDIR"); tmpdir && *tmpdir) places.emplace_back(tmpdir);
    places.insert(places.end(), also.begin(), also.end());
    std::set<fs::path> seen;  // /var/lock is often /run/lock
    for (const auto& p : places) {
        std::error_code ec;
        const fs::path real = fs::canonical(p, ec);
        if (!ec && seen.insert(real).second) remove_files(real, uid, found);
    }
    return found;
}

std::string sweep_after_submission(uid_t uid, const std::vector<fs::path>& also) {
    if (::geteuid() != 0) return "nothing swept (the programs ran as the grader's own uid)";
    const auto found = sweep_uid(uid, also);
    if (found.empty()) return fmt::format("nothing of uid {} left on the host", uid);
    return fmt::format("left behind by uid {}: {}", uid, fmt::join(found, ", "));
}

}  // namespace grading
