#include "ipc/procfs.hpp"

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <unistd.h>

#include "ipc/evidence.hpp"
#include "ipc/outcome.hpp"

namespace ipc {

std::optional<std::string> read_text(const std::string& path) {
    std::ifstream in(path);
    if (!in) return std::nullopt;
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

std::optional<long long> read_number(const std::string& path) {
    auto text = read_text(path);
    if (!text) return std::nullopt;
    char* end = nullptr;
    long long value = std::strtoll(text->c_str(), &end, 10);
    if (end == text->c_str()) return std::nullopt;
    return value;
}

long long sysctl(const std::string& path) {
    auto value = read_number(path);
    if (!value) broken("cannot read " + path);
    evidence(path, *value);
    return *value;
}

long page_size() { return ::sysconf(_SC_PAGESIZE); }

}  // namespace ipc
