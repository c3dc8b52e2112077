// Waiting for a descriptor to become readable, with a deadline: how a case
// hears from a child or a handler (a byte written to a pipe) without sleeping.
#pragma once
#include <chrono>

#include "ipc/process.hpp"

namespace ipc {

// True once poll(2) reports fd readable (data, end of file or hang-up) within
// deadline; 0ms only looks. A poll error is a broken setup.
bool readable_within(int fd, std::chrono::milliseconds deadline = default_deadline);

}  // namespace ipc
