// Sysctls as a case reads them: recorded as evidence, and what a case does
// when one cannot be read (its setup is broken, or a part of its claim is
// skipped with the reason).
#pragma once
#include <optional>
#include <string>

namespace ipc {

// A sysctl the case depends on: read it, record it as evidence under its
// path, and return it; an unreadable one is a broken setup.
long long sysctl(const std::string& path);
// A sysctl only recorded, or needed by a part of a claim only: read it and
// record `path = value` and `path.source = "proc-sys"`; unreadable (gVisor
// has no /proc/sys/fs), record `path.source = "unreadable: ERRNO"` and
// return nullopt, so that the part which needs it can be skipped with the
// reason (skip_part) or use a fallback of its own, never end the case.
std::optional<long long> sysctl_if_readable(const std::string& path);

// A part of a claim that could not be observed here: evidence
// `<part>.skipped = reason`. The case goes on with its other checks (see
// "Partial observation" in ipc/signals.hpp).
void skip_part(const std::string& part, const std::string& reason);

}  // namespace ipc
