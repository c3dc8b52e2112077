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

// The directory at path, locked, or -1 when another holds it (or it is gone).
int lock_directory(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0 && ::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}

}  // namespace

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
    const std::string start = std::string(prefix) + ".";
    int removed = 0;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(temp_base(), ec)) {
        const std::string name = entry.path().filename().string();
        const std::string path = entry.path().string();
        struct stat st {};
        if (name.size() != start.size() + 6 || name.rfind(start, 0) != 0 || ::lstat(path.c_str(), &st) != 0 ||
            !S_ISDIR(st.st_mode) || ::time(nullptr) - st.st_mtime < min_age.count())
            continue;
        const int fd = lock_directory(path);  // nobody holds it: its TempDir is gone
        if (fd < 0) continue;
        std::error_code ignored;
        removed += std::filesystem::remove_all(path, ignored) > 0;
        ::close(fd);
    }
    return removed;
}

}  // namespace ipc
