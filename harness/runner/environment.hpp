// The machine a run happened on: what a reader needs to compare two runs.
#pragma once
#include <nlohmann/json.hpp>

namespace runner {

// kernel (release, version, machine), distribution, page size, CPUs, IPC
// sysctls, the isolation cases get, the uid the run ran as.
nlohmann::json collect_environment();

}  // namespace runner
