// Evidence: what a case measured, as key/value records for the results.
// Records go to the file named by $IPC_CLAIMS_EVIDENCE (one JSON object per
// line, appended at once so that a crash keeps what came before) and are
// echoed on stdout as "evidence: key = value".
#pragma once
#include <string>
#include <string_view>
#include <type_traits>

namespace ipc {

void evidence(std::string_view key, std::string_view value);
void evidence(std::string_view key, const char* value);
void evidence(std::string_view key, const std::string& value);
void evidence(std::string_view key, bool value);
void evidence(std::string_view key, double value);
void evidence_integer(std::string_view key, long long value);

template <class T, std::enable_if_t<std::is_integral_v<T> && !std::is_same_v<T, bool>, int> = 0>
void evidence(std::string_view key, T value) {
    evidence_integer(key, static_cast<long long>(value));
}

}  // namespace ipc
