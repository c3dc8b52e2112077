// Probing what the sandbox can have here (labs/isolation_lost.hpp), the same
// way the sandbox decides: root or not, a pids cgroup made or not.
#include "labs/isolation_lost.hpp"

#include <unistd.h>

#include "ipc/pids_cgroup.hpp"

namespace grading {

std::vector<std::string> isolation_lost_here() {
    std::vector<std::string> lost;
    if (::geteuid() != 0)
        lost.push_back("no uid switch: the students' programs run as the grader's own user in a user namespace "
                       "(they still see only their own directory and the system's, read-only, and signal only "
                       "their own processes), so what they leave is the grader's, no sweep finds it, and no disk "
                       "of their own holds what they write");
    if (!ipc::PidsCgroup(1).active())
        lost.push_back("no pids cgroup: a fork bomb is held only by RLIMIT_NPROC, which counts every process of "
                       "the user");
    return lost;
}

std::string isolation_warning(const std::vector<std::string>& lost) {
    std::string text = "WARNING: the sandbox is weaker than it should be:";
    for (const auto& l : lost) text += " " + l + ";";
    text.back() = '.';
    return text + " Grade only submissions you trust this way, or run as root. Every report says so.\n";
}

}  // namespace grading
