#include "ipc/temp_dir.hpp"

#include <cstdlib>
#include <filesystem>
#include <system_error>

#include "ipc/outcome.hpp"

namespace ipc {

TempDir::TempDir() {
    const char* base = std::getenv("TMPDIR");
    std::string pattern = std::string(base && *base ? base : "/tmp") + "/ipc-claims.XXXXXX";
    if (!::mkdtemp(pattern.data())) must(-1, "mkdtemp " + pattern);
    path_ = pattern;
}

TempDir::~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
}

}  // namespace ipc
