// Judging a lab's checks from what the sandbox observed in one scenario:
// each check passes or not, with the teacher's explanation of why.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "labs/grader.hpp"

namespace grading {

// One of the lab's scenarios, as run in the sandbox.
struct ScenarioRun {
    std::string name;
    nlohmann::json r;                // the sandbox's result (labs/sandbox.hpp)
    std::vector<std::string> input;  // relay: the lines sent (without the terminator)
};

struct Verdict {
    bool pass = true;
    bool judged = true;  // false: could not be judged here (not charged)
    std::string why;
};

// The check `id` ("output", "mechanism", ... but "builds") on one run.
Verdict judge(const Lab& lab, const std::string& id, const ScenarioRun& run);

// The process entry of program `index` in a sandbox result ({} if none).
const nlohmann::json& program_proc(const nlohmann::json& r, int index);

// "\"a\", \"b\", ... (12 in all)", or "nothing": lines as a teacher reads them.
std::string quote_lines(const std::vector<std::string>& lines, std::size_t max = 8);

}  // namespace grading
