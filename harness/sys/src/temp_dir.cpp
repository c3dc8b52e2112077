#include "ipc/temp_dir.hpp"

#include <cstdlib>
#include <filesystem>
#include <system_error>

#include "ipc/error.hpp"

namespace ipc {

TempDir::TempDir(std::string_view prefix) {
    const char* base = std::getenv("TMPDIR");
    std::string pattern = std::string(base && *base ? base : "/tmp") + "/" + std::string(prefix) + ".XXXXXX";
    if (!::mkdtemp(pattern.data())) check_call(-1, "mkdtemp " + pattern);
    path_ = pattern;
}

TempDir::~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
}

}  // namespace ipc
