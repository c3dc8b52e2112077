// The runtime a case runs on: the host's kernel ("native"), or gVisor
// ("gvisor": runsc, an independent implementation of the Linux syscall ABI).
//
// Under gVisor each case gets a sandbox of its own (`runsc run` of an OCI
// bundle written into the case's temporary directory): the host's root
// filesystem read-only under an in-memory overlay (what the case writes,
// its $TMPDIR included, dies with the sandbox), no network, gVisor's own IPC
// objects, and one directory of the case's shared read-write with the host
// (its evidence and its wait status). runsc's state (--root) lives in the
// case's directory too, so that cases run in parallel and nothing is left
// in /run. Inside, a small init (this binary, `sandbox-init`) is PID 1: it
// starts the case (or the --wrap command) as PID 2 in its own process group,
// reaps, kills what the case left running, and writes the case's true wait
// status (exit code or signal) to the shared directory. The runner's pids
// cgroup holds runsc, its gofer and its sandbox (runsc --ignore-cgroups), so
// at the deadline everything is killed as for a native case.
#pragma once
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace runner {

struct Runtime {
    std::string name = "native";      // "native" or "gvisor"
    std::string platform = "ptrace";  // gVisor's platform (runsc --platform)
    std::string runsc;                // runsc's path (found on PATH), gvisor only
    bool gvisor() const { return name == "gvisor"; }
};

// The runtime called `name`; throws std::invalid_argument naming the valid
// ones for any other name, or for a platform that is not a word.
Runtime runtime_named(const std::string& name, const std::string& platform = "ptrace");
const std::vector<std::string>& runtime_names();

// Throws std::runtime_error with a one-line reason when the runtime cannot
// be used here: runsc not on PATH, or not root. (Whether a sandbox starts is
// seen when one is started: see probe_runtime.)
void check_runtime(Runtime& runtime);

// `runsc --version`'s first line's version ("0.0~20221219.0"), "" when unknown.
std::string runsc_version(const Runtime& runtime);

// What results.json records of the runtime: name, and for gVisor runsc's
// path, version and platform and the host's kernel (the "kernel" of the
// environment is the one the cases saw: gVisor's).
nlohmann::json runtime_record(const Runtime& runtime);

// The files of one case's sandbox, all inside the case's directory `dir`.
struct SandboxPaths {
    std::filesystem::path shared;       // dir/shared: bind-mounted read-write at the same path
    std::filesystem::path bundle;       // dir/bundle: config.json
    std::filesystem::path state;        // dir/runsc: runsc --root
    std::filesystem::path wait_status;  // shared/wait-status, written by sandbox-init
    std::filesystem::path started;      // shared/started: sandbox-init ran (the sandbox did start)
    explicit SandboxPaths(const std::filesystem::path& dir);
};

struct SandboxSpec {
    std::vector<std::string> command;  // what sandbox-init starts: wrap + program + args
    std::vector<std::string> env;      // "NAME=value"
    std::filesystem::path cwd;
    unsigned long long max_output_bytes = 0;  // RLIMIT_FSIZE inside (0: none)
};

// Writes the bundle and creates the directories; returns runsc's argv.
std::vector<std::string> prepare_sandbox(const Runtime& runtime, const SandboxPaths& paths,
                                         const std::filesystem::path& self, const SandboxSpec& spec,
                                         const std::string& container_id);

// What sandbox-init wrote: the case's wait status, how many processes it
// left running inside the sandbox (killed there).
struct SandboxOutcome {
    bool known = false;    // false: the file is missing (the sandbox did not start, died, or was killed)
    bool started = false;  // sandbox-init ran: a sandbox that then died did start
    int wait_status = 0;
    int leftover_processes = 0;
};
SandboxOutcome read_sandbox_outcome(const SandboxPaths& paths);

// `ipc-claims sandbox-init WAIT-STATUS-FILE -- COMMAND...`: PID 1 inside the
// sandbox (see above). Returns the process exit code.
int sandbox_init_main(int argc, char** argv);

}  // namespace runner
