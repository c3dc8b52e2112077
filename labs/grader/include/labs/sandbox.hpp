// The lab sandbox: runs a student's programs as one scenario, isolated and
// watched.
//
// Each scenario gets fresh IPC, PID, mount and network namespaces (the
// grader's process is PID 1 there, with its own /proc, so that when it
// leaves everything the scenario started dies with it, also what left its
// process group; the network is empty: AF_UNIX only), a private root in
// which the programs see the system's directories read-only, fresh /tmp,
// /var/tmp and /dev/shm, and their own directories only, not the other
// submissions, the labs or the grader's output (private_root.hpp), a pids
// cgroup with a small pids.max when root (cgroup v1 or v2: a fork bomb is
// contained), an unprivileged uid of its own when the grader is root, no
// new privileges (setuid bits are ignored), and limits on CPU, memory, file
// size (so output size), open files and processes. The grader, not root,
// has the namespaces in a user namespace of its own; what it cannot have is
// named in the result's "isolation". Programs run under ptrace, which
// records the IPC they really do (pipe reads and writes, shmget/shmat,
// msgsnd/msgrcv with their message types), forks refused by the limit, and
// what was still running when the deadline came (state, syscall, wchan).
//
// In src/: sandbox.cpp isolates (cgroup, namespaces, PID 1), private_root.cpp
// makes the filesystem the programs see, student.cpp
// starts a program as the student, scenario_supervisor.cpp runs one
// scenario, tracer.cpp decodes ptrace stops into the process tree and its
// IPC, task_words.cpp says what a task was doing in a teacher's words,
// pipe_capacity_holder.cpp arranges the pipe-capacity lab's pipes.
#pragma once
#include <filesystem>
#include <string>
#include <sys/types.h>
#include <vector>

#include <nlohmann/json.hpp>

namespace grading {

struct ProgramSpec {
    std::string name;                  // as the report names it ("shmread")
    std::vector<std::string> argv;     // argv[0] is run through PATH when it has no '/'
    std::filesystem::path stdin_file;  // empty: /dev/null
};

struct RunSpec {
    std::filesystem::path dir;          // the scenario's own directory: cwd, outputs, result.json
    std::vector<ProgramSpec> programs;  // started in this order
    // Before starting programs[1..]: wait until programs[0] has created a
    // System V object of this kind ("shm" or "msg"; empty: start at once).
    std::string wait_for_object;
    // Or (the request-reply labs) until programs[0] has made this file, its socket.
    std::filesystem::path wait_for_path;
    double start_wait_s = 5;                       // how long to wait for that object
    double deadline_s = 15;                        // wall time from the first start; then all is killed
    double grace_s = 5;                            // how long descendants may outlive the programs
    bool trace = true;                             // ptrace the programs (off for builds)
    int max_processes = 32;                        // pids.max for the scenario (and RLIMIT_NPROC)
    double cpu_s = 20;                             // RLIMIT_CPU per process
    unsigned long long memory_bytes = 1ull << 30;  // RLIMIT_AS
    unsigned long long file_bytes = 1ull << 20;    // RLIMIT_FSIZE: caps output too
    uid_t uid = 0;                                 // the unprivileged identity (used when root)
    bool measure_pipe_capacity = false;            // measure what a new pipe of the uid gets
    bool pipe_pressure = false;                    // first hold the uid's pipe pages above the soft limit
    std::vector<std::string> env;                  // extra environment NAME=value
    // Timing the grader imposes through ptrace, so that a mistake shows in every run:
    // hold programs[0]'s children until it has forked this many, release them
    // at once, and hold its SIGCHLD until they all ended (signals coalesce);
    int children_end_together = 0;
    bool requests_glued = false;          // hold programs[0]'s first socket read until programs[1] sent all
    bool kill_after_first_reply = false;  // SIGKILL programs[0] after its first write to a socket
};

// Runs scenarios, each isolated: the public face of the sandbox. It learns,
// from its first run, whether this machine lets a scenario have a PID
// namespace with its own /proc, and runs later scenarios accordingly.
class Sandbox {
public:
    // What happened, as JSON (written by the sandbox to dir/result.json):
    //   isolation, seconds, deadline_hit, killed_reason,
    //   processes: [{pid, ppid, comm, program (index or -1), ended_by_itself,
    //                status (text), exit_code (-1 unless exited), signal,
    //                start_s, end_s, orphaned_s, still_running (diagnosis)}],
    //   outputs: [stdout text per program], errors: [stderr text per program],
    //   pipes: {inode: {writers: {pid: bytes}, readers: {pid: bytes}}},
    //   pipes_created: {pid: n}, getpipe_sz: [values],
    //   shm: {shmget: [{pid, id, key}], shmat: [{pid, id}], rmid: [{pid, id}]},
    //   msg: {msgget: [...], msgsnd: [{pid, id, type, size}], msgrcv: [{pid, id, type, bytes}], rmid: [...]},
    //   fork_refused, forks, max_live, zombies: [text], leftovers: [text of /proc/sysvipc rows],
    //   signals: {caught: [{pid, how (handler, sigwaitinfo), s}], reaps: [{pid, child, in_handler,
    //             after_sigchld, s}], polls: {pid: waits that found no child}},
    //   sockets: {socket: [{pid, domain, type, fd}], bind, connect: [{pid, path}], accept: [{pid, fd}],
    //             shutdown: [{pid, how}], bytes: {pid: {read, written}}},
    //   pipe_capacity_arranged, notes: [text], trace: [text];
    // or {error} when the sandbox itself failed.
    nlohmann::json run(const RunSpec& spec);

private:
    bool pid_namespace_usable_ = true;  // false once a scenario could not mount its /proc
};

// The unprivileged uid the sandbox uses for a grading slot when root.
uid_t sandbox_uid(int slot);

}  // namespace grading
