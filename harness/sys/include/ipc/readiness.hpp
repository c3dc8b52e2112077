// Waiting, with a deadline, for a descriptor to become readable (how a case
// hears from a child or a handler: a byte written to a pipe), or for a state
// the kernel reports to be reached (a semaphore's value, a queue's count).
#pragma once
#include <chrono>
#include <functional>
#include <string>

#include "ipc/process.hpp"

namespace ipc {

// True once poll(2) reports fd readable (data, end of file or hang-up) within
// deadline; 0ms only looks. A poll error is a broken setup.
bool readable_within(int fd, std::chrono::milliseconds deadline = default_deadline);

// True once `reached` returns true, asked every millisecond or so, within
// deadline; false if it never does. For states only polling can observe.
bool eventually(const std::function<bool()>& reached, std::chrono::milliseconds deadline = default_deadline);

// The bits of poll(2)'s revents by name, in one fixed order ("POLLIN|POLLOUT",
// "POLLIN|POLLRDNORM|POLLOUT|POLLWRNORM"); "none" when no bit is set.
std::string poll_events_name(short revents);

}  // namespace ipc
