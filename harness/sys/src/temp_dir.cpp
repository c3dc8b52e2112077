#include "ipc/temp_dir.hpp"

#include <cstdlib>
#include <ctime>
#include <fcntl.h>
#include <filesystem>
#include <sys/file.h>
#include <sys/stat.h>
#include <system_error>
#include <unistd.h>

#include "ipc/error.hpp"

namespace ipc {
namespace {

std::string temp_base() {
    const char* base = std::getenv("TMPDIR");
    return base && *base ? base : "/tmp";
}

}  // namespace

int lock_directory(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0 && ::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}

int remove_orphans(const std::string& base, const std::function<bool(const std::string& name)>& matches,
                   std::chrono::seconds min_age, const std::function<bool(const std::string& path)>& remove) {
    int removed = 0;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(base, ec)) {
        const std::string path = entry.path().string();
        struct stat st {};
        if (!matches(entry.path().filename().string()) || ::lstat(path.c_str(), &st) != 0 || !S_ISDIR(st.st_mode) ||
            ::time(nullptr) - st.st_mtime < min_age.count())
            continue;
        const int fd = lock_directory(path);  // nobody holds it: its owner is gone
        if (fd < 0) continue;
        removed += remove(path);
        ::close(fd);
    }
    return removed;
}

TempDir::TempDir(std::string_view prefix) {
    std::string pattern = temp_base() + "/" + std::string(prefix) + ".XXXXXX";
    if (!::mkdtemp(pattern.data())) check_call(-1, "mkdtemp " + pattern);
    path_ = pattern;
    lock_fd_ = lock_directory(path_);
}

TempDir::~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
    if (lock_fd_ >= 0) ::close(lock_fd_);
}

int remove_orphaned_temp_dirs(std::string_view prefix, std::chrono::seconds min_age) {
    const std::string start = std::string(prefix) + ".";  // then mkdtemp's six characters
    return remove_orphans(
        temp_base(),
        [&](const std::string& name) { return name.size() == start.size() + 6 && name.rfind(start, 0) == 0; }, min_age,
        [](const std::string& path) {
            std::error_code ignored;
            return std::filesystem::remove_all(path, ignored) > 0;
        });
}

}  // namespace ipc
