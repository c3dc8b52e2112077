// The comparison anchor of a kernel coverage run: stress-ng's IPC stressors,
// one at a time, one instance each, each stopped after a fixed number of
// bogo operations (or its timeout: a stressor slower than that under TCG
// counts what it did by then).
#pragma once
#include <string>
#include <vector>

namespace kcov {

struct Stressor {
    std::string name;  // "msg"
    long ops;          // its bogo operations
};

// System V and POSIX IPC, pipes and FIFOs, splice, eventfd, Unix sockets,
// signals. (Left out: `sock`, whose Unix domain asks for IPPROTO_TCP in
// stress-ng 0.15 and fails; `sigchld`, which counted no operation in two
// minutes under TCG.)
const std::vector<Stressor>& anchor_stressors();

// The command line that runs one stressor.
std::vector<std::string> stress_ng_command(const Stressor& s, int timeout_s);

}  // namespace kcov
