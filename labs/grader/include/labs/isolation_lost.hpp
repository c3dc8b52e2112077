// What the grader's sandbox cannot have on this machine, said plainly: no
// uid of its own for the students' programs unless the grader is root, no
// pids cgroup where none can be made. `grade` warns of it before grading and
// every report says it (Grade::isolation_lost).
#pragma once
#include <string>
#include <vector>

namespace grading {

// One sentence per protection lost; empty when the sandbox has them all.
std::vector<std::string> isolation_lost_here();

// The warning `grade` prints on stderr when something is lost: one paragraph.
std::string isolation_warning(const std::vector<std::string>& lost);

}  // namespace grading
