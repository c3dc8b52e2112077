// EVENTFD-10 (edge; proc(5) /proc/pid/fdinfo "For eventfd file descriptors
// ... eventfd-count: ... the current value of the eventfd counter, in
// hexadecimal"): the fdinfo of an eventfd shows its counter as eventfd-count,
// in hexadecimal, following writes and reads.
#include <optional>
#include <sstream>

#include "eventfd_support.hpp"

namespace {

// The eventfd-count line of fd's fdinfo, parsed as hexadecimal; nullopt when
// the line is missing. Recorded under key (the text after the colon).
std::optional<std::uint64_t> fdinfo_count(int fd, const std::string& key) {
    auto text = ipc::read_text("/proc/self/fdinfo/" + std::to_string(fd));
    if (!text) ipc::broken("cannot read /proc/self/fdinfo/" + std::to_string(fd) + ": " + ipc::errno_name(errno));
    std::istringstream lines(*text);
    for (std::string line; std::getline(lines, line);) {
        if (line.rfind("eventfd-count:", 0) != 0) continue;
        std::string value = line.substr(line.find(':') + 1);
        value.erase(0, value.find_first_not_of(" \t"));
        ipc::evidence(key, value);
        return std::stoull(value, nullptr, 16);
    }
    ipc::evidence(key, "(no eventfd-count line)");
    return std::nullopt;
}

}  // namespace

CLAIM("EVENTFD-10", "/proc/self/fdinfo shows the counter as eventfd-count in hexadecimal") {
    auto fd = efd::make(0x2a, EFD_NONBLOCK);
    auto initial = fdinfo_count(fd.get(), "fdinfo.initial_0x2a");
    if (!initial) ipc::skip("this system's fdinfo of an eventfd has no eventfd-count line");
    CHECK_EQ(*initial, 0x2aU);

    CHECK_EQ(efd::add(fd.get(), 0x1000, "write.0x1000"), "ok");
    CHECK_EQ(fdinfo_count(fd.get(), "fdinfo.after_write").value_or(UINT64_MAX), 0x102aU);
    CHECK_EQ(efd::take(fd.get(), "read"), efd::word(0x102a));
    CHECK_EQ(fdinfo_count(fd.get(), "fdinfo.after_read").value_or(UINT64_MAX), 0U);
}
