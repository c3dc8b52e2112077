#include "ipc/sysctl.hpp"

#include <cerrno>

#include "ipc/errno_name.hpp"
#include "ipc/evidence.hpp"
#include "ipc/outcome.hpp"
#include "ipc/procfs.hpp"

namespace ipc {

long long sysctl(const std::string& path) {
    auto value = read_number(path);
    if (!value) broken("cannot read " + path);
    evidence(path, *value);
    return *value;
}

std::optional<long long> sysctl_if_readable(const std::string& path) {
    errno = 0;
    auto value = read_number(path);
    if (!value) {
        const int err = errno;
        evidence(path + ".source", "unreadable: " + (err ? errno_name(err) : std::string("not a number")));
        return std::nullopt;
    }
    evidence(path, *value);
    evidence(path + ".source", "proc-sys");
    return value;
}

void skip_part(const std::string& part, const std::string& reason) { evidence(part + ".skipped", reason); }

}  // namespace ipc
