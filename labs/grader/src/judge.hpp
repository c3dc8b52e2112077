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
    std::vector<std::string> input;  // relay, request-reply: the lines sent (relay: without the terminator);
                                     // reaper: the children's fates, as the parent's arguments
    std::string socket;              // request-reply: the socket's path, in the programs' directory
    bool socket_left = false;        // request-reply: that path still existed after the run
    bool server_dies = false;        // request-reply: the grader killed the server after its first reply
};

struct Verdict {
    bool pass = true;
    bool judged = true;  // false: could not be judged here (not charged)
    std::string why;
};

// The check `id` ("output", "mechanism", ... but "builds") on one run.
Verdict judge(const Lab& lab, const std::string& id, const ScenarioRun& run);

// The checks every kind judges alike: the programs ended by themselves, with
// status 0, leaving nothing behind (no zombie while its parent lived, no
// orphan, no System V object).
Verdict judge_terminates(const Lab& lab, const ScenarioRun& s);
Verdict judge_exit(const Lab& lab, const ScenarioRun& s);
Verdict judge_cleanup(const Lab& lab, const ScenarioRun& s);

// The kinds with judges of their own (judge_<kind>.cpp).
Verdict judge_reaper(const Lab& lab, const std::string& id, const ScenarioRun& s);
Verdict judge_request_reply(const Lab& lab, const std::string& id, const ScenarioRun& s);

// The lines of a program's output, trailing blanks and NULs dropped.
std::vector<std::string> text_lines(std::string text);

// The process entry of program `index` in a sandbox result ({} if none).
const nlohmann::json& program_proc(const nlohmann::json& r, int index);

// "\"a\", \"b\", ... (12 in all)", or "nothing": lines as a teacher reads them.
std::string quote_lines(const std::vector<std::string>& lines, std::size_t max = 8);

}  // namespace grading
