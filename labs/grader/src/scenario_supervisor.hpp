// One scenario, run inside the sandbox by its PID 1 (or, without a PID
// namespace, by a subreaper): starts the student's programs (the peers once
// the first has made its System V object or socket file and sits waiting),
// traces them (imposing the timing the RunSpec asks for),
// kills everything at the deadline, when forks go on without bound, or when
// what the programs started outlives them by grace_s, and says what happened
// (sandbox.hpp describes the JSON).
#pragma once
#include <nlohmann/json.hpp>

#include "labs/sandbox.hpp"

namespace grading {

nlohmann::json supervise_scenario(const RunSpec& spec);

}  // namespace grading
