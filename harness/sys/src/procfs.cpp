#include "ipc/procfs.hpp"

#include <cstdlib>
#include <cerrno>
#include <fcntl.h>
#include <unistd.h>

namespace ipc {

// read(2) rather than a stream: a /proc file of a process that exits while
// it is read fails with ESRCH, which libstdc++'s filebuf turns into a throw.
std::optional<std::string> read_text(const std::string& path) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return std::nullopt;
    std::string text;
    char buf[4096];
    ssize_t n;
    while ((n = ::read(fd, buf, sizeof buf)) > 0) text.append(buf, static_cast<std::size_t>(n));
    int err = errno;
    ::close(fd);
    if (n < 0) {
        errno = err;
        return std::nullopt;
    }
    return text;
}

std::optional<long long> read_number(const std::string& path) {
    auto text = read_text(path);
    if (!text) return std::nullopt;
    char* end = nullptr;
    long long value = std::strtoll(text->c_str(), &end, 10);
    if (end == text->c_str()) return std::nullopt;
    return value;
}

bool write_text(const std::string& path, const std::string& text) {
    int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
    if (fd < 0) return false;
    bool whole = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
    int saved = errno;
    ::close(fd);
    errno = saved;
    return whole;
}

long page_size() { return ::sysconf(_SC_PAGESIZE); }

}  // namespace ipc
