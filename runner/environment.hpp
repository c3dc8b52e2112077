// The machine a run happened on: what a reader needs to compare two runs.
#pragma once
#include <nlohmann/json.hpp>

namespace runner {

// kernel (release, version, machine), distribution, page size, CPUs, IPC
// sysctls, the isolation cases get, the uid the run ran as.
nlohmann::json collect_environment();

struct Runtime;
// collect_environment() as the cases see it inside a gVisor sandbox (its
// kernel, page size, sysctls), collected by `ipc-claims sandbox-environment`
// run the way a case is. Throws std::runtime_error with runsc's one-line
// reason when no sandbox can be started.
nlohmann::json environment_in_sandbox(const Runtime& runtime);

// `ipc-claims sandbox-environment`: records collect_environment() as the
// evidence "environment".
int sandbox_environment_main();

}  // namespace runner
