// Inside a scenario: what the student's programs did, as ptrace shows it.
// The tracer keeps the process tree (every process the programs started,
// when it started and ended, how, who was orphaned or left a zombie) and the
// IPC each process really did (pipe reads and writes by pipe inode, pipes
// made, F_GETPIPE_SZ, shmget/shmat, msgget/msgsnd/msgrcv with the message
// types, IPC_RMID), forks and forks refused by the process limit; for the
// signal and socket labs, SIGCHLD handlers and deliveries, the wait calls
// that reaped children (in a handler or not), the socket calls (socket,
// bind, connect, accept, shutdown) and the bytes read and written on
// sockets. It also imposes the timing a RunSpec asks for (children released
// together, SIGCHLD held, a socket read held, a server killed), so that a
// program's mistake shows in every run, not only in an unlucky one.
#pragma once
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <sys/types.h>
#include <vector>

#include <nlohmann/json.hpp>

#include "labs/sandbox.hpp"

namespace grading {

using Clock = std::chrono::steady_clock;

// Notable events of one scenario, stamped with the seconds since its start
// (the report's "Observed (ptrace)"); the first 80 are kept.
class EventLog {
public:
    explicit EventLog(Clock::time_point start) : start_(start) {}
    double now_s() const { return std::chrono::duration<double>(Clock::now() - start_).count(); }
    void add(const std::string& line);
    const nlohmann::json& lines() const { return lines_; }

private:
    Clock::time_point start_;
    nlohmann::json lines_ = nlohmann::json::array();
    int count_ = 0;
};

// A process of the scenario, from its first sight to its end.
struct TracedProcess {
    pid_t pid = 0;
    pid_t ppid = 0;
    std::string comm;
    int program = -1;  // its index in RunSpec::programs, -1 for what the programs started
    bool alive = true;
    bool ended_by_itself = false;
    std::string status;
    int exit_code = -1;
    int signal = 0;
    double start_s = 0, end_s = -1, orphaned_s = -1;
    std::string still_running;  // what it was doing when killed (task_words.hpp)
    bool zombie_reported = false;
    bool sigchld_handler = false;  // its SIGCHLD disposition is a handler
    int in_sigchld_handler = 0;    // SIGCHLD deliveries to the handler not yet returned from
    int sigchld_taken = 0;         // SIGCHLDs it took: by its handler, sigwaitinfo or a signalfd
    // ptrace bookkeeping
    bool seen_first_stop = false;
    std::uint64_t nr = 0;
    std::uint64_t args[6] = {};
};

class Tracer {
public:
    Tracer(EventLog& log, const RunSpec& spec) : log_(log), spec_(spec) {}

    // A program just started. Traced, it stops itself before exec (see
    // student.hpp); the tracer sets its options and lets it run.
    void add_program(pid_t pid, const std::string& name, int index, bool traced);
    // A wait status that is a stop (syscall, ptrace event, signal).
    void on_stop(pid_t pid, int status);
    // A wait status that is an end (of a process maybe not seen before);
    // `killed`: the supervisor had killed everything.
    void on_end(pid_t pid, int status, bool killed);
    // Untraced processes (builds): pids found in /proc that are not known
    // yet are added, known ones that are gone are ended.
    void adopt_untraced(pid_t self, pid_t ignored, bool killed);
    // Each process of the tree that is now a zombie although its parent is alive.
    void note_zombies();
    // Before the supervisor kills everything: what each live process is doing.
    void describe_live();
    // Lets go what the imposed timing holds once its condition is met or it
    // has held for a second (called often by the supervisor).
    void release_due();
    // waitpid() has no child left although some are thought alive: they are
    // gone (status "vanished").
    void all_vanished(bool killed);

    const TracedProcess& process(pid_t pid) const { return procs_.at(pid); }
    bool any_alive() const;
    std::vector<pid_t> live_pids() const;
    // The first fork refused for the process limit, if any.
    std::optional<Clock::time_point> first_refusal() const { return first_refusal_; }
    int forks_refused() const { return fork_refused_; }

    // Adds to the scenario's result: processes, pipes, pipes_created,
    // getpipe_sz, shm, msg, fork_refused, forks, max_live, zombies, signals,
    // sockets.
    void report(nlohmann::json& result) const;

private:
    EventLog& log_;
    const RunSpec& spec_;
    std::map<pid_t, TracedProcess> procs_;
    std::optional<Clock::time_point> first_refusal_;
    int fork_refused_ = 0, forks_ = 0, max_live_ = 0;
    nlohmann::json pipes_ = nlohmann::json::object(), pipes_created_ = nlohmann::json::object(),
                   getpipe_sz_ = nlohmann::json::array();
    nlohmann::json shm_ = {{"shmget", nlohmann::json::array()},
                           {"shmat", nlohmann::json::array()},
                           {"rmid", nlohmann::json::array()}};
    nlohmann::json msg_ = {{"msgget", nlohmann::json::array()},
                           {"msgsnd", nlohmann::json::array()},
                           {"msgrcv", nlohmann::json::array()},
                           {"rmid", nlohmann::json::array()}};
    nlohmann::json zombies_ = nlohmann::json::array();
    nlohmann::json signals_ = {{"caught", nlohmann::json::array()},
                               {"reaps", nlohmann::json::array()},
                               {"polls", nlohmann::json::object()}};
    nlohmann::json sockets_ = {{"socket", nlohmann::json::array()},   {"bind", nlohmann::json::array()},
                               {"connect", nlohmann::json::array()},  {"accept", nlohmann::json::array()},
                               {"shutdown", nlohmann::json::array()}, {"bytes", nlohmann::json::object()}};
    // The imposed timing (RunSpec): what is held, since when.
    struct Held {
        pid_t pid = 0;
        Clock::time_point since;
    };
    std::vector<pid_t> held_children_;
    Clock::time_point last_child_held_;
    bool children_released_ = false;
    std::optional<Held> held_sigchld_, held_read_;
    bool read_held_once_ = false;
    std::optional<pid_t> killed_by_grader_;  // the server, where the scenario kills it

    pid_t program_pid(int index) const;
    bool has_live_children(pid_t pid) const;
    // At a syscall entry, a process stopped in a ptrace stop: true when the
    // imposed timing keeps it there (it is resumed later by release_due).
    bool hold_first_socket_read(TracedProcess& p);
    bool hold_new_child(TracedProcess& p);
    bool hold_sigchld(TracedProcess& p, int sig);
    void release_children();
    // Resumes p into the signal sig, noting a SIGCHLD it takes.
    void deliver(TracedProcess& p, int sig);
    // p took a SIGCHLD (how: handler, sigwaitinfo, signalfd): counted, and listed for the judges.
    void note_sigchld(TracedProcess& p, const char* how);
    void on_wait_exit(TracedProcess& p, std::int64_t rval, bool error);
    void on_socket_exit(TracedProcess& p, std::int64_t rval, bool error);

    TracedProcess& known(pid_t pid, pid_t parent = 0);
    std::string who(pid_t pid) const;
    int live_count() const;
    void on_syscall_exit(TracedProcess& p, std::int64_t rval, bool error);
};

}  // namespace grading
