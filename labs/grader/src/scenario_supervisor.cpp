#include "scenario_supervisor.hpp"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <optional>
#include <string>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

#include <fmt/core.h>

#include "ipc/task.hpp"
#include "ipc/procfs.hpp"
#include "ipc/signals.hpp"
#include "ipc/sysvipc.hpp"
#include "pipe_capacity_holder.hpp"
#include "student.hpp"
#include "tracer.hpp"

namespace grading {
using json = nlohmann::json;

namespace {

// The rows of /proc/sysvipc/<kind> of this IPC namespace (none when unreadable).
std::vector<ipc::SysvObject> sysv_objects(const std::string& kind) {
    return ipc::sysvipc_objects(kind).value_or(std::vector<ipc::SysvObject>{});
}

class ScenarioSupervisor {
public:
    explicit ScenarioSupervisor(const RunSpec& spec)
        : spec_(spec), start_(Clock::now()), log_(start_), tracer_(log_, spec) {}

    json run() {
        if (::getpid() != 1) ::prctl(PR_SET_CHILD_SUBREAPER, 1);
        if (spec_.measure_pipe_capacity) arrange_pipe_capacity();
        start_program(0);
        if (spec_.wait_for_object.empty() && spec_.wait_for_path.empty())
            for (std::size_t i = 1; i < spec_.programs.size(); ++i) start_program(static_cast<int>(i));
        loop();
        return report();
    }

private:
    const RunSpec& spec_;
    // SIGCHLD only wakes the loop (sigtimedwait), for the whole scenario.
    ipc::BlockedSignals chld_{SIGCHLD};
    Clock::time_point start_;
    EventLog log_;
    Tracer tracer_;
    std::vector<pid_t> program_pids_;
    std::size_t started_ = 0;
    pid_t holder_ = -1;
    long long arranged_capacity_ = -1;
    std::optional<Clock::time_point> killing_since_;
    std::string killed_reason_;
    bool deadline_hit_ = false;
    std::optional<Clock::time_point> programs_done_;
    json notes_ = json::array();
    std::optional<ipc::TaskSnapshot> last_idle_sample_;

    bool killing() const { return killing_since_.has_value(); }

    void arrange_pipe_capacity() {
        const PipeCapacityHolder h = start_pipe_capacity_holder(spec_);
        holder_ = h.pid;
        arranged_capacity_ = h.capacity;
        if (spec_.pipe_pressure && h.capacity == h.unpressed)
            notes_.push_back("could not lower the capacity of new pipes (fs.pipe-user-pages-soft is 0?)");
        notes_.push_back(
            fmt::format("a new pipe of this scenario's user gets {} bytes{}", h.capacity,
                        spec_.pipe_pressure ? " (its uid holds pipes above fs.pipe-user-pages-soft)" : ""));
    }

    void start_program(int index) {
        const ProgramSpec& p = spec_.programs[static_cast<std::size_t>(index)];
        const pid_t pid = start_student_program(spec_, index);
        started_ = static_cast<std::size_t>(index) + 1;
        if (pid < 0) {
            notes_.push_back(fmt::format("could not start {}: {}", p.name, std::strerror(errno)));
            return;
        }
        program_pids_.push_back(pid);
        tracer_.add_program(pid, p.name, index, spec_.trace);
        log_.add(fmt::format("started {} as pid {}", p.name, pid));
    }

    void kill_everything(const std::string& reason) {
        if (killing()) return;
        killed_reason_ = reason;
        tracer_.describe_live();
        killing_since_ = Clock::now();
        log_.add("killing everything: " + reason);
        if (::getpid() == 1) {
            ::kill(-1, SIGKILL);  // everything in this PID namespace but us
        } else {
            for (pid_t pid : tracer_.live_pids())
                if (pid > 1) ::kill(pid, SIGKILL);
        }
    }

    bool programs_ended() const {
        if (started_ < spec_.programs.size()) return false;
        for (pid_t pid : program_pids_)
            if (tracer_.process(pid).alive) return false;
        return true;
    }

    // Start the peers once the first program has created its object (or file).
    void start_peers_when_ready(double t) {
        std::error_code ec;
        const bool made = spec_.wait_for_path.empty() ? !sysv_objects(spec_.wait_for_object).empty()
                                                      : std::filesystem::exists(spec_.wait_for_path, ec);
        const bool first_gone = program_pids_.empty() || !tracer_.process(program_pids_[0]).alive;
        // As a person would: start the peer once the first program has made
        // its object and sits waiting (asleep in a syscall, twice in a row
        // without a context switch), not in the middle of setting up.
        bool idle = false;
        if (made && !first_gone) {
            const ipc::TaskSnapshot now = ipc::snapshot(program_pids_[0]);
            idle = last_idle_sample_ && (now.state == 'S' || now.state == 'D') && now.syscall >= 0 &&
                   now.syscall == last_idle_sample_->syscall &&
                   now.voluntary_switches == last_idle_sample_->voluntary_switches;
            last_idle_sample_ = now;
        }
        if ((made && idle) || first_gone || t > spec_.start_wait_s) {
            if (!made)
                notes_.push_back(fmt::format("{} had created no {} after {:.1f} s; the others were started anyway",
                                             spec_.programs[0].name,
                                             spec_.wait_for_path.empty() ? spec_.wait_for_object + " object"
                                                                         : spec_.wait_for_path.filename().string(),
                                             t));
            for (std::size_t i = started_; i < spec_.programs.size(); ++i) start_program(static_cast<int>(i));
        }
    }

    void tick() {
        const double t = log_.now_s();
        if (started_ < spec_.programs.size() && !killing()) start_peers_when_ready(t);
        if (!killing()) {
            const auto refusal = tracer_.first_refusal();
            if (t > spec_.deadline_s) {
                deadline_hit_ = true;
                kill_everything(fmt::format("killed after {:.0f} s, still running", spec_.deadline_s));
            } else if (refusal && Clock::now() - *refusal > std::chrono::seconds(2)) {
                kill_everything(
                    fmt::format("killed: forks without bound ({} forks refused by the limit of {} processes)",
                                tracer_.forks_refused(), spec_.max_processes));
            } else if (programs_ended()) {
                if (!programs_done_) programs_done_ = Clock::now();
                if (Clock::now() - *programs_done_ > std::chrono::duration<double>(spec_.grace_s))
                    kill_everything(
                        fmt::format("killed {:.0f} s after the programs ended: left running", spec_.grace_s));
            }
        }
        tracer_.note_zombies();
        if (!killing()) tracer_.release_due();
    }

    void loop() {
        const sigset_t chld = ipc::signal_set({SIGCHLD});
        auto last_tick = Clock::now() - std::chrono::seconds(1);
        while (tracer_.any_alive() || started_ < spec_.programs.size()) {
            int st = 0;
            const pid_t pid = ::waitpid(-1, &st, __WALL | WNOHANG);
            if (pid > 0) {
                if (pid == holder_) {
                    holder_ = -1;
                } else if (WIFSTOPPED(st)) {
                    tracer_.on_stop(pid, st);
                } else {
                    tracer_.on_end(pid, st, killing());
                }
                if (Clock::now() - last_tick < std::chrono::milliseconds(10)) continue;
            }
            if (pid < 0 && errno == ECHILD && spec_.trace) tracer_.all_vanished(killing());
            if (!spec_.trace) tracer_.adopt_untraced(::getpid(), holder_, killing());
            tick();
            last_tick = Clock::now();
            if (pid <= 0) {
                timespec wait{0, 5'000'000};  // SIGCHLD or 5 ms, whichever first
                ::sigtimedwait(&chld, nullptr, &wait);
            }
            if (killing_since_ && Clock::now() - *killing_since_ > std::chrono::seconds(10)) break;
        }
    }

    std::string read_output(const char* what, std::size_t index) const {
        return ipc::read_text((spec_.dir / fmt::format("{}.{}.txt", what, index)).string())
            .value_or("")
            .substr(0, 256 * 1024);
    }

    json report() const {
        json r;
        r["seconds"] = log_.now_s();
        r["deadline_hit"] = deadline_hit_;
        r["killed_reason"] = killed_reason_;
        tracer_.report(r);
        json outs = json::array(), errs = json::array();
        for (std::size_t i = 0; i < spec_.programs.size(); ++i) {
            outs.push_back(read_output("stdout", i));
            errs.push_back(read_output("stderr", i));
        }
        r["outputs"] = outs;
        r["errors"] = errs;
        json left = json::array();
        for (const char* kind : {"shm", "msg", "sem"})
            for (const auto& object : sysv_objects(kind)) left.push_back(std::string(kind) + ": " + object.line);
        r["leftovers"] = left;
        r["pipe_capacity_arranged"] = arranged_capacity_;
        r["notes"] = notes_;
        r["trace"] = log_.lines();
        return r;
    }
};

}  // namespace

json supervise_scenario(const RunSpec& spec) { return ScenarioSupervisor(spec).run(); }

}  // namespace grading
