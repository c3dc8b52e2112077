#include "ipc/evidence.hpp"

#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <nlohmann/json.hpp>
#include <unistd.h>

namespace ipc {
namespace {

void record(std::string_view key, nlohmann::json value) {
    std::string shown = value.is_string() ? value.get<std::string>() : value.dump();
    std::string echo = "evidence: " + std::string(key) + " = " + shown + "\n";
    (void)!::write(STDOUT_FILENO, echo.data(), echo.size());

    const char* path = std::getenv("IPC_CLAIMS_EVIDENCE");
    if (!path || !*path) return;
    nlohmann::json line = {{"key", key}, {"value", std::move(value)}};
    std::string text = line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
    int fd = ::open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) return;
    (void)!::write(fd, text.data(), text.size());  // one write: lines never interleave
    ::close(fd);
}

}  // namespace

void evidence(std::string_view key, std::string_view value) { record(key, std::string(value)); }
void evidence(std::string_view key, const char* value) { record(key, std::string(value)); }
void evidence(std::string_view key, const std::string& value) { record(key, value); }
void evidence(std::string_view key, bool value) { record(key, value); }
void evidence(std::string_view key, double value) { record(key, value); }
void evidence_integer(std::string_view key, long long value) { record(key, value); }

}  // namespace ipc
