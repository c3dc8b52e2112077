// A private temporary directory, $TMPDIR/<prefix>.XXXXXX (or under /tmp; the
// runner sets $TMPDIR to the case's own directory), removed with its
// contents on destruction. Throws SysError when it cannot be made. It holds
// a lock (flock) on the directory while it lives, so that one left by a
// process killed with SIGKILL can be told from a live one.
#pragma once
#include <chrono>
#include <functional>
#include <string>
#include <string_view>

namespace ipc {

class TempDir {
public:
    explicit TempDir(std::string_view prefix = "ipc-claims");
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::string& path() const { return path_; }
    std::string file(const std::string& name) const { return path_ + "/" + name; }

private:
    std::string path_;
    int lock_fd_ = -1;  // the directory, flock()ed
};

// How old what a killed process left must be before it is swept (here and
// remove_orphaned_cgroups): far longer than making a directory and locking it.
inline constexpr std::chrono::seconds orphan_min_age{600};

// The directory at path, opened and flock()ed (exclusive, without waiting):
// its owner's mark while it lives. -1 when another holds it, or it is gone.
int lock_directory(const std::string& path);

// Each directory in base whose name `matches`, older than min_age (its
// mtime) and locked by nobody, is given to `remove` while this process holds
// its lock. Returns how many `remove` removed.
int remove_orphans(const std::string& base, const std::function<bool(const std::string& name)>& matches,
                   std::chrono::seconds min_age, const std::function<bool(const std::string& path)>& remove);

// Removes the directories <prefix>.XXXXXX under $TMPDIR (or /tmp) that no
// TempDir holds and that are older than min_age (one being made has no lock
// yet): what a runner or grader killed with SIGKILL left. Returns how many.
int remove_orphaned_temp_dirs(std::string_view prefix, std::chrono::seconds min_age = orphan_min_age);

}  // namespace ipc
